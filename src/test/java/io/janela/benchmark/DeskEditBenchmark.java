package io.janela.benchmark;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.support.TestContacts;
import io.janela.domain.contact.CustomerId;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.janela.adapters.dynamodb.DynamoTeamStore;
import io.janela.adapters.dynamodb.DynamoTicketEditStore;
import io.janela.application.assignment.StreamAssignmentTrigger;
import io.janela.application.desk.DeskReads;
import io.janela.application.desk.TicketEditor;
import io.janela.application.desk.TicketEditStore;
import io.janela.application.outbound.SendService;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.ticket.TicketId;
import io.janela.support.CapacityMeter;
import io.janela.support.IngestHarness;
import io.janela.support.SendHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Measures, does not judge: DynamoDB capacity of the desk's changes by hand and of a reply that
 * takes a ticket over, as DynamoDB Local reports it (table and indexes). Each figure is the whole
 * request as the route or the send runs it: the caller's agent record, the ticket found by id, the
 * write. Run it with {@code ./mvnw test -Dtest=DeskEditBenchmark}; it prints a table and writes
 * target/benchmark/desk-edits.md.
 */
class DeskEditBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";

    private final StringBuilder report = new StringBuilder();

    @Test
    void capacityPerDeskEdit() throws IOException {
        CapacityMeter meter = new CapacityMeter();
        try (IngestHarness desk = new IngestHarness(CLOCK, meter)) {
            desk.directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, true));
            desk.directory.putAgent(new Agent(CAIO, "Caio", AgentStatus.ONLINE, false));
            DynamoTeamStore team = new DynamoTeamStore(desk.dynamo, desk.tables.directory());
            team.putDepartment(new Department("billing", "Financeiro", Department.Strategy.RANDOM, List.of(BIA, CAIO),
                    Optional.empty(), Optional.empty()), BIA, T0);
            TicketEditor edits = new TicketEditor(new DynamoTicketEditStore(desk.dynamo, desk.tables.contacts()),
                    desk.contacts, desk.directory, team, new StreamAssignmentTrigger(), CLOCK);
            SendHarness send = new SendHarness(desk, CLOCK);
            TicketId ana = opened(desk, "5511987654321");
            TicketId bruno = opened(desk, "5511987654322");
            opened(desk, "5511987654323");

            report.append("| request | requests | read units | write units | refused writes |\n")
                    .append("| --- | ---: | ---: | ---: | ---: |\n");
            measure(meter, "assign by hand to an agent (`POST /tickets/{id}/assign`)", () -> edits.assign(
                    new TicketEditor.AssignCommand(BIA, ana, new TicketEditor.ToAgent(CAIO))));
            measure(meter, "assign by hand to a department", () -> edits.assign(
                    new TicketEditor.AssignCommand(BIA, ana, new TicketEditor.ToDepartment("billing"))));
            measure(meter, "tag (`POST /tickets/{id}/tags`, one tag added)", () -> edits.tag(
                    new TicketEditor.TagCommand(BIA, ana, List.of("vip"), List.of())));
            measure(meter, "note (`POST /tickets/{id}/notes`)", () -> edits.addNote(
                    new TicketEditor.NoteCommand(BIA, ana, "Cliente pediu reembolso; verificar com o financeiro")));
            measure(meter, "notes read (`GET /tickets/{id}/notes`, one note)", () -> edits.notes(BIA, ana));
            measure(meter, "contact flags (`PUT /numbers/{n}/contacts/{ref}`, blocked, without the answer's read)",
                    () -> edits.setFlags(new TicketEditor.FlagsCommand(BIA, TestContacts.key("5511987654323"),
                            new TicketEditStore.ContactFlags(Optional.of(true), Optional.empty(), Optional.empty()))));
            DeskReads reads = new DeskReads(desk.contacts, CLOCK, Duration.ofMinutes(30));
            measureRead(meter, "contact page (`GET /numbers/{n}/contacts/{ref}`: the id's link, the contact, its open ticket)",
                    () -> desk.resolver.find(PHONE_NUMBER_ID, new CustomerId.WaId("5511987654321"))
                            .flatMap(reads::contact).map(reads::openTicketOf).orElseThrow().isPresent());
            measureRead(meter, "ticket page (`GET /tickets/{id}`)", () -> reads.ticket(ana).isPresent());
            measureSend(meter, send, "free-form reply that takes an unassigned ticket over (the whole send)", bruno,
                    "5511987654322", true);
            desk.deliver(notification().text("5511987654322", "Bruno", "wamid.again", T0.plusSeconds(30), "Oi?"));
            measureSend(meter, send, "free-form reply on a ticket another agent holds (marked answered)", bruno,
                    "5511987654322", false);
            measureSend(meter, send, "free-form reply on a ticket already answered (no ticket write)", bruno,
                    "5511987654322", false);
        }
        Path out = Path.of("target/benchmark/desk-edits.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private static TicketId opened(IngestHarness desk, String waId) {
        desk.deliver(notification().text(waId, "Ana", "wamid." + waId, T0, "Oi"));
        return desk.contacts.findContact(TestContacts.key(waId)).orElseThrow().openTicket().orElseThrow().id();
    }

    private void measure(CapacityMeter meter, String label, Supplier<TicketEditor.Result> request) {
        meter.reset();
        TicketEditor.Result result = request.get();
        row(meter, label + " (" + result.getClass().getSimpleName() + ")");
    }

    private void measureRead(CapacityMeter meter, String label, java.util.function.BooleanSupplier read) {
        meter.reset();
        if (!read.getAsBoolean()) {
            throw new IllegalStateException(label + " found nothing");
        }
        row(meter, label);
    }

    private void measureSend(CapacityMeter meter, SendHarness send, String label, TicketId ticket, String waId, boolean tookOver) {
        String agent = tookOver ? BIA : CAIO;
        meter.reset();
        assertInstanceOf(SendService.Sent.class, send.sends.send(new SendService.SendCommand(agent,
                PHONE_NUMBER_ID, new CustomerId.WaId(waId), new OutboundContent.Text("Já vejo isso para você"), Optional.empty())));
        row(meter, label);
        assertEquals(Optional.of(BIA), send.desk.contacts.findTicket(ticket).orElseThrow().agent());
    }

    private void row(CapacityMeter meter, String label) {
        report.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %d |%n", label, meter.requests(),
                meter.readUnits(), meter.writeUnits(), meter.refusals()));
    }
}
