package io.janela.benchmark;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.janela.adapters.dynamodb.DynamoConversationStore;
import io.janela.application.desk.ConversationStore.Order;
import io.janela.application.desk.ConversationStore.Page;
import io.janela.application.desk.ConversationStore.Paging;
import io.janela.application.desk.Conversations;
import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.OutboundStore.OutboundRecord;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.ticket.TicketId;
import io.janela.support.CapacityMeter;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads;
import io.janela.support.TestContacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Measures, does not judge: the read units of one page of a conversation (a ticket's and a contact's
 * history) of 1,000 messages, half inbound and half outbound with their statuses, newest and oldest
 * first, and of {@code GET /messages/{id}}; and what the Conversation index adds to the writes of an
 * inbound message, a send's record and a status. Each read is the whole request as its route runs
 * it: the caller's agent record, the ticket or the contact's link, the Query. Run it with
 * {@code ./mvnw test -Dtest=ConversationBenchmark}; it prints two tables and writes
 * target/benchmark/conversation.md.
 */
class ConversationBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    private static final String BIA = "bia@desk.example";
    private static final String WA_ID = "5511987654321";
    private static final int PAIRS = 500;
    private static final int PER_POST = 25;

    private final StringBuilder report = new StringBuilder();

    @Test
    void readUnitsOfAConversationPage() throws IOException {
        CapacityMeter meter = new CapacityMeter();
        try (IngestHarness desk = new IngestHarness(CLOCK, meter)) {
            desk.directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, true));
            Conversations conversations = new Conversations(new DynamoConversationStore(desk.dynamo, desk.tables.contacts()),
                    desk.contacts, desk.directory);
            writes(meter, desk);
            ContactKey contact = TestContacts.key(WA_ID);
            TicketId ticket = desk.contacts.findContact(contact).orElseThrow().openTicket().orElseThrow().id();
            String lastSent = thousandMessages(desk, contact);

            report.append("\n| read (1,000 messages: 500 inbound texts, 500 outbound texts each `read`) | requests | read units |"
                    + " messages |\n| --- | ---: | ---: | ---: |\n");
            for (Order order : Order.values()) {
                String spelled = order.name().toLowerCase(Locale.ROOT);
                Paging first = new Paging(order, Paging.DEFAULT_LIMIT, Optional.empty());
                Page page = read(meter, "a ticket's page of 50, " + spelled + " first (`GET /tickets/{id}/messages`)",
                        () -> conversations.ofTicket(BIA, ticket, first).orElseThrow());
                read(meter, "its next page (`cursor`)", () -> conversations.ofTicket(BIA, ticket,
                        new Paging(order, Paging.DEFAULT_LIMIT, page.cursor())).orElseThrow());
                read(meter, "a contact's history, a page of 50, " + spelled + " first (`GET .../contacts/{ref}/messages`)",
                        () -> conversations.ofContact(BIA, desk.resolver.find(PHONE_NUMBER_ID, new CustomerId.WaId(WA_ID))
                                .orElseThrow(), first));
                read(meter, "a page of 100, " + spelled + " first (the most `limit` allows)",
                        () -> conversations.ofContact(BIA, contact, new Paging(order, Paging.MAX_LIMIT, Optional.empty())));
            }
            meter.reset();
            conversations.message(BIA, lastSent).orElseThrow();
            row(meter, "one outbound message and its statuses (`GET /messages/{id}`)", 1);
        }
        Path out = Path.of("target/benchmark/conversation.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** What each write costs now, and how much of it is the Conversation index's. */
    private void writes(CapacityMeter meter, IngestHarness desk) {
        report.append("| write | requests | write units (DynamoDB Local) | of which the `Conversation` index |\n")
                .append("| --- | ---: | ---: | ---: |\n");
        write(meter, "text message from a new customer: a contact and a ticket", () -> desk.deliver(
                notification().text(WA_ID, "Ana", "wamid.first", T0.minusSeconds(60), "Oi")));
        write(meter, "text message, joins the open ticket", () -> desk.deliver(
                notification().text(WA_ID, "Ana", "wamid.second", T0.minusSeconds(50), "Tudo bem?")));
        ContactKey contact = TestContacts.key(WA_ID);
        write(meter, "a send's record (`OUT#`, accepted)", () -> desk.outbound.recordOutbound(text(contact, "wamid.reply",
                T0.minusSeconds(40))));
        write(meter, "status `sent` (moves it forward)", () -> desk.deliver(
                notification().status(WA_ID, "wamid.reply", "sent", T0.minusSeconds(39))));
        write(meter, "status `read` (moves it forward)", () -> desk.deliver(
                notification().status(WA_ID, "wamid.reply", "read", T0.minusSeconds(38))));
        write(meter, "status `delivered` arriving after `read`", () -> desk.deliver(
                notification().status(WA_ID, "wamid.reply", "delivered", T0.minusSeconds(38))));
        write(meter, "status `sent` of a message unknown so far (creates `OUT#`)", () -> desk.deliver(
                notification().status(WA_ID, "wamid.early", "sent", T0.minusSeconds(30))));
        write(meter, "the send's record after that status (moves its index entry)", () -> desk.outbound.recordOutbound(
                text(contact, "wamid.early", T0.minusSeconds(31))));
    }

    /** 500 inbound texts and 500 outbound texts, alternating a second apart, each outbound sent, delivered and read. */
    private static String thousandMessages(IngestHarness desk, ContactKey contact) {
        String lastSent = null;
        for (int from = 0; from < PAIRS; from += PER_POST) {
            MetaPayloads inbound = notification();
            MetaPayloads statuses = notification();
            for (int i = from; i < from + PER_POST; i++) {
                Instant at = T0.plusSeconds(2L * i);
                inbound.text(WA_ID, "Ana", "wamid.in." + i, at, "Mensagem número " + i + " sobre o pedido 12345");
                OutboundRecord sent = text(contact, "wamid.out." + i, at.plusSeconds(1));
                desk.outbound.recordOutbound(sent);
                lastSent = sent.messageId();
                for (String status : new String[] {"sent", "delivered", "read"}) {
                    statuses.status(WA_ID, "wamid.out." + i, status, at.plusSeconds(1));
                }
            }
            desk.deliver(inbound);
            desk.deliver(statuses);
        }
        return lastSent;
    }

    private static OutboundRecord text(ContactKey contact, String wamid, Instant at) {
        return OutboundRecord.of(new MessageSender.Accepted(wamid), contact,
                new OutboundContent.Text("Seu pedido 12345 saiu para entrega e chega amanhã"), Optional.empty(), false, BIA,
                Optional.empty(), at, Optional.empty());
    }

    private void write(CapacityMeter meter, String label, Runnable write) {
        meter.reset();
        write.run();
        report.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", label, meter.requests(), meter.writeUnits(),
                meter.writeUnits("Conversation")));
    }

    private Page read(CapacityMeter meter, String label, Supplier<Page> read) {
        meter.reset();
        Page page = read.get();
        row(meter, label, page.messages().size());
        return page;
    }

    private void row(CapacityMeter meter, String label, int messages) {
        assertEquals(0.0, meter.writeUnits(), label + " writes nothing");
        report.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d |%n", label, meter.requests(), meter.readUnits(),
                messages));
    }
}
