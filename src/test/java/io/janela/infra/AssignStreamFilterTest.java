package io.janela.infra;

import io.janela.domain.ticket.CloseCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.adapters.dynamodb.DynamoStreamChanges;
import io.janela.adapters.dynamodb.DynamoClosingStore;
import io.janela.application.assignment.AssignmentSignal;
import io.janela.application.sweep.ClosingStore;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.team.Department.Strategy;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.window.WindowState;
import io.janela.local.SamTemplate;
import io.janela.support.AssignHarness;
import io.janela.support.EventFilter;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads;
import io.janela.support.MutableClock;
import io.janela.support.TableStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The template's FilterCriteria against the real stream: a day of desk work is done on DynamoDB
 * Local, every record its streams wrote is run through the patterns of assign's two event sources,
 * and what passes is compared with what the function acts on. Nothing it needs is dropped; the only
 * records let through for nothing are changes to a waiting ticket that leave its queue alone (a
 * customer writing again), which no pattern can tell apart.
 */
class AssignStreamFilterTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";

    /** The patterns of one of assign's event sources, as Lambda receives them. */
    static List<String> patterns(String event) {
        List<String> patterns = new ArrayList<>();
        SamTemplate.fromClasspath().resource("AssignFunction").orElseThrow().path("Properties").path("Events").path(event)
                .path("Properties").path("FilterCriteria").path("Filters")
                .forEach(filter -> patterns.add(filter.path("Pattern").asText()));
        return patterns;
    }

    private static List<AssignmentSignal> signals(JsonNode record) {
        JsonNode change = record.path("dynamodb");
        return new DynamoStreamChanges().signals(record.path("eventName").asText(), change.get("Keys"), change.get("NewImage"),
                change.get("OldImage"));
    }

    private static String sortKey(JsonNode record) {
        return record.path("dynamodb").path("Keys").path("sk").path("S").asText();
    }

    @Test
    void theFiltersPassWhatAssignActsOnAndDropTheRest() {
        MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
        List<ObjectNode> contactRecords;
        List<ObjectNode> directoryRecords;
        try (IngestHarness desk = new IngestHarness(clock)) {
            AssignHarness assign = new AssignHarness(desk, clock);
            try (TableStream contacts = new TableStream(desk.tables.contacts());
                    TableStream directory = new TableStream(desk.tables.directory())) {
                work(desk, assign, clock);
                contactRecords = contacts.next();
                directoryRecords = directory.next();
            }
        }

        List<String> ticketPatterns = patterns("Tickets");
        List<String> agentPatterns = patterns("Agents");
        int actedOn = 0;
        int joinsLetThrough = 0;
        for (ObjectNode record : contactRecords) {
            boolean passes = EventFilter.passes(ticketPatterns, record);
            boolean acts = !signals(record).isEmpty();
            assertTrue(passes || !acts, "the filter drops a record assign acts on: " + record);
            assertTrue(!EventFilter.passes(agentPatterns, record), "the agents' filter passes a contacts record: " + record);
            if (passes && !acts) {
                JsonNode change = record.path("dynamodb");
                assertEquals("MODIFY", record.path("eventName").asText(), record.toString());
                assertEquals("WAITING", change.path("NewImage").path("status").path("S").asText(), record.toString());
                assertEquals(change.path("OldImage").path("waiting"), change.path("NewImage").path("waiting"), record.toString());
                assertEquals(change.path("OldImage").path("queuedAt"), change.path("NewImage").path("queuedAt"), record.toString());
                joinsLetThrough++;
            }
            if (!sortKey(record).startsWith("TICKET#")) {
                assertTrue(!passes, "only tickets pass: " + record);
            }
            actedOn += acts ? 1 : 0;
        }
        for (ObjectNode record : directoryRecords) {
            boolean passes = EventFilter.passes(agentPatterns, record);
            boolean acts = !signals(record).isEmpty();
            assertEquals(acts, passes, "the agents' filter passes exactly the agents coming online: " + record);
            assertTrue(!EventFilter.passes(ticketPatterns, record), record.toString());
        }

        assertEquals(List.of(5L, 4L, 1), List.of(
                count(contactRecords, record -> signals(record).stream().anyMatch(AssignmentSignal.TicketQueued.class::isInstance)),
                count(directoryRecords, record -> !signals(record).isEmpty()),
                joinsLetThrough),
                "tickets entered a queue five times (four opened waiting, one moved by hand; the one placed in the default"
                        + " department was handed over in the same write); agents came online four times (Bia twice, Caio, the agent from before statuses);"
                        + " one customer wrote again on a waiting ticket");
        assertEquals(2, count(contactRecords, record -> signals(record).stream().anyMatch(AssignmentSignal.SlotFreed.class::isInstance)),
                "Bia's ticket closed, Caio's moved to a department");
        long droppedTicketRecords = contactRecords.stream()
                .filter(record -> sortKey(record).startsWith("TICKET#") && !EventFilter.passes(ticketPatterns, record))
                .count();
        assertTrue(droppedTicketRecords >= 3, "assignments, the join on an assigned ticket, a close of a waiting ticket: "
                + droppedTicketRecords);
        assertTrue(actedOn >= 6);
    }

    private static long count(List<ObjectNode> records, java.util.function.Predicate<JsonNode> which) {
        return records.stream().filter(which).count();
    }

    /**
     * Tickets opened waiting (no route, to a department, kept for an agent), joined while waiting and
     * while held, assigned, placed in the default department, closed, moved by hand; agents created,
     * coming online, going away, coming back, renamed while online, set online twice; an agent item
     * from before statuses existed; the round-robin counter, departments, settings.
     */
    private static void work(IngestHarness desk, AssignHarness assign, MutableClock clock) {
        assign.agent(BIA, AgentStatus.ONLINE);
        assign.agent(CAIO, AgentStatus.OFFLINE);
        assign.department("support", Strategy.SEQUENTIAL, List.of(BIA, CAIO));
        assign.team.putDefaultDepartment(Optional.of("support"), "admin@desk.example", clock.instant());

        TicketId noRoute = assign.open("5511900000001", T0.plusSeconds(1));
        TicketId reserved = assign.openAnswering("5511900000002", T0.plusSeconds(2), new ReplyRoute.ToAgent(CAIO));
        TicketId routed = assign.openAnswering("5511900000003", T0.plusSeconds(3), new ReplyRoute.ToDepartment("support"));
        desk.deliver(MetaPayloads.notification().text("5511900000002", "Cliente", "wamid.J1", T0.plusSeconds(30), "Alô?"));

        assign.assigner.assignTicket(AssignHarness.contact("5511900000001"), noRoute);
        assign.assigner.assignTicket(AssignHarness.contact("5511900000003"), routed);
        assign.assigner.assignTicket(AssignHarness.contact("5511900000002"), reserved);
        desk.deliver(MetaPayloads.notification().text("5511900000001", "Cliente", "wamid.J2", T0.plusSeconds(40), "Oi?"));

        assign.status(CAIO, AgentStatus.ONLINE);
        assign.assigner.agentOnline(CAIO);
        assign.status(BIA, AgentStatus.AWAY);
        assign.status(BIA, AgentStatus.ONLINE);
        assign.status(BIA, AgentStatus.ONLINE);
        desk.directory.putAgent(new Agent(BIA, "Bia Lima", AgentStatus.OFFLINE, true));

        Ticket held = assign.ticket(noRoute);
        new DynamoClosingStore(desk.dynamo, desk.tables.contacts(), 100).close(held.contact(), noRoute,
                new Closing(CloseReason.AGENT, clock.instant(), held.agent().orElseThrow(), WindowState.OPEN, ClosingMessage.NONE),
                new CloseCondition.WhileOpen());
        clock.advance(Duration.ofMinutes(1));
        assign.transferByHand(reserved, "support");

        TicketId closedWaiting = assign.open("5511900000004", T0.plusSeconds(4));
        Ticket waiting = assign.ticket(closedWaiting);
        new DynamoClosingStore(desk.dynamo, desk.tables.contacts(), 100).close(waiting.contact(), closedWaiting,
                new Closing(CloseReason.WINDOW_GUARD, clock.instant(), "janela", WindowState.OPEN, ClosingMessage.NONE),
                new CloseCondition.WhileOpen());

        desk.dynamo.putItem(request -> request.tableName(desk.tables.directory()).item(Map.of(
                "pk", AttributeValue.fromS("AGENT#legacy@desk.example"), "sk", AttributeValue.fromS("AGENT"),
                "email", AttributeValue.fromS("legacy@desk.example"), "name", AttributeValue.fromS("Legacy"))));
        assign.status("legacy@desk.example", AgentStatus.ONLINE);
        assign.team.nextTurn("support");
        assign.department(new Department("vip", "VIP", Strategy.LEAST_BUSY, List.of(BIA), Optional.empty(), Optional.of(2)));
    }
}
