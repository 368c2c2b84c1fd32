package io.janela.functions;

import io.janela.domain.ticket.CloseCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import io.janela.support.TestContacts;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.assignment.TeamStore;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.application.sweep.ClosingStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.routing.ReplyRule;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.team.Department.Strategy;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketStatus;
import io.janela.domain.window.WindowState;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.EmfCapture;
import io.janela.support.EventFilter;
import io.janela.support.MetaPayloads;
import io.janela.support.MockLambda;
import io.janela.support.TableStream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The assign function driven as Lambda drives it: the records DynamoDB Local's streams wrote for
 * real desk work, passed through the template's filters, in Lambda's event JSON.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(AssignProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class AssignFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;
    @Inject
    ContactStore contacts;
    @Inject
    DirectoryStore directory;
    @Inject
    TeamStore team;
    @Inject
    ClosingStore closings;
    @Inject
    JanelaConfig config;

    private TableStream contactStream;
    private TableStream directoryStream;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void streams() {
        contactStream = new TableStream(config.tables().contacts()).skipToEnd();
        directoryStream = new TableStream(config.tables().directory()).skipToEnd();
    }

    @AfterEach
    void close() {
        contactStream.close();
        directoryStream.close();
    }

    private void agent(String email, AgentStatus status) {
        directory.putAgent(new Agent(email, "Agent", AgentStatus.OFFLINE, false));
        team.setAgentStatus(email, status, email, now);
    }

    private void department(String id, Strategy strategy, List<String> agents, Optional<Integer> cap) {
        team.putDepartment(new Department(id, id, strategy, agents, Optional.empty(), cap), "admin@desk.example", now);
    }

    /** The reply to an active message routed to {@code department}: a ticket that opens in its queue. */
    private Ticket openIn(String waId, String department, String wamid) {
        ContactKey contact = TestContacts.key(waId);
        contacts.recordReplyRule(contact, new ReplyRule(new ReplyRoute.ToDepartment(department), now.minus(Duration.ofHours(1)),
                "admin@desk.example"));
        deliver(MetaPayloads.notification().text(waId, "Cliente", wamid, now, "Olá"));
        return contacts.findContact(contact).orElseThrow().openTicket().orElseThrow();
    }

    private void deliver(MetaPayloads payload) {
        ingest.apply(parser.parse(payload.bytes(), Instant.now()));
    }

    private Ticket ticket(Ticket ticket) {
        return contacts.findTicket(ticket.id()).orElseThrow();
    }

    /** What Lambda would hand the function from the contacts stream now: the records its filters pass. */
    private List<ObjectNode> ticketRecords() {
        return contactStream.next().stream()
                .filter(record -> EventFilter.passes(AssignStreamFilterPatterns.TICKETS, record))
                .toList();
    }

    private List<ObjectNode> agentRecords() {
        return directoryStream.next().stream()
                .filter(record -> EventFilter.passes(AssignStreamFilterPatterns.AGENTS, record))
                .toList();
    }

    private static JsonNode invoke(List<? extends JsonNode> records) {
        return MockLambda.invoke(TableStream.event(records));
    }

    private static void assertNoFailures(JsonNode response) {
        assertEquals("{\"batchItemFailures\":[]}", response.toString());
    }

    @Test
    void aTicketThatOpensWaitingIsAssignedFromItsStreamRecord() {
        agent("ana.fn@desk.example", AgentStatus.ONLINE);
        department("fn-sales", Strategy.SEQUENTIAL, List.of("ana.fn@desk.example"), Optional.empty());
        Ticket opened = openIn("5511970000001", "fn-sales", "wamid.FN1");

        List<ObjectNode> records = ticketRecords();

        assertEquals(1, records.size(), "the ticket's INSERT, and not the profile, window or message: " + records);
        assertEquals("INSERT", records.get(0).path("eventName").asText());
        assertNoFailures(invoke(records));
        Ticket assigned = ticket(opened);
        assertEquals(TicketStatus.OPEN, assigned.status());
        assertEquals(Optional.of("ana.fn@desk.example"), assigned.agent());
    }

    @Test
    void anAgentComingOnlinePicksUpWhatWaitsFromTheDirectoryStream() {
        agent("bruno.fn@desk.example", AgentStatus.OFFLINE);
        department("fn-returns", Strategy.LEAST_BUSY, List.of("bruno.fn@desk.example"), Optional.empty());
        Ticket waiting = openIn("5511970000002", "fn-returns", "wamid.FN2");
        assertNoFailures(invoke(ticketRecords()));
        assertEquals(TicketStatus.WAITING, ticket(waiting).status());
        agentRecords();

        team.setAgentStatus("bruno.fn@desk.example", AgentStatus.ONLINE, "bruno.fn@desk.example", now);
        List<ObjectNode> records = agentRecords();

        assertEquals(1, records.size(), records.toString());
        assertNoFailures(invoke(records));
        assertEquals(Optional.of("bruno.fn@desk.example"), ticket(waiting).agent());
    }

    @Test
    void aClosedTicketFreesItsAgentsSlotForTheNextWaitingTicket() {
        agent("carla.fn@desk.example", AgentStatus.ONLINE);
        department("fn-vip", Strategy.LEAST_BUSY, List.of("carla.fn@desk.example"), Optional.of(1));
        Ticket first = openIn("5511970000003", "fn-vip", "wamid.FN3");
        Ticket second = openIn("5511970000004", "fn-vip", "wamid.FN4");
        assertNoFailures(invoke(ticketRecords()));
        assertEquals(Optional.of("carla.fn@desk.example"), ticket(first).agent());
        assertEquals(TicketStatus.WAITING, ticket(second).status(), "Carla is at the cap");

        closings.close(first.contact(), first.id(), new Closing(CloseReason.AGENT, now, "carla.fn@desk.example", WindowState.OPEN,
                ClosingMessage.NONE), new CloseCondition.WhileOpen());
        List<ObjectNode> records = ticketRecords();

        assertEquals(1, records.size(), records.toString());
        assertEquals("MODIFY", records.get(0).path("eventName").asText());
        assertNoFailures(invoke(records));
        assertEquals(Optional.of("carla.fn@desk.example"), ticket(second).agent());
    }

    /** A customer writing again on a waiting ticket passes the filter (its status is WAITING) but asks nothing. */
    @Test
    void aCustomerWritingAgainOnAWaitingTicketAsksNothing() {
        agent("dani.fn@desk.example", AgentStatus.AWAY);
        department("fn-billing", Strategy.SEQUENTIAL, List.of("dani.fn@desk.example"), Optional.empty());
        Ticket waiting = openIn("5511970000005", "fn-billing", "wamid.FN5");
        assertNoFailures(invoke(ticketRecords()));
        deliver(MetaPayloads.notification().text("5511970000005", "Cliente", "wamid.FN6", now.plusSeconds(5), "Alguém?"));
        team.setAgentStatus("dani.fn@desk.example", AgentStatus.ONLINE, "dani.fn@desk.example", now);

        List<ObjectNode> join = ticketRecords();

        assertEquals(1, join.size(), join.toString());
        assertNoFailures(invoke(join));
        assertEquals(TicketStatus.WAITING, ticket(waiting).status(), "the join is not a new entry in the queue");
    }

    @Test
    void aBatchWithOneBadRecordReportsOnlyThatRecord() {
        agent("edu.fn@desk.example", AgentStatus.ONLINE);
        department("fn-support", Strategy.SEQUENTIAL, List.of("edu.fn@desk.example"), Optional.empty());
        Ticket before = openIn("5511970000006", "fn-support", "wamid.FN7");
        Ticket after = openIn("5511970000007", "fn-support", "wamid.FN8");
        List<ObjectNode> records = ticketRecords();
        assertEquals(2, records.size(), records.toString());
        ObjectNode bad = records.get(0).deepCopy();
        ((ObjectNode) bad.path("dynamodb").path("NewImage")).putObject("queuedAt").put("N", "soon");
        ((ObjectNode) bad.path("dynamodb")).put("SequenceNumber", "900000000000000000001");
        bad.put("eventID", "f00dfeedf00dfeedf00dfeedf00dfeed");

        JsonNode response = invoke(List.of(records.get(0), bad, records.get(1)));

        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"900000000000000000001\"}]}", response.toString());
        assertEquals(Optional.of("edu.fn@desk.example"), ticket(before).agent());
        assertEquals(Optional.of("edu.fn@desk.example"), ticket(after).agent(), "the record after the bad one was handled too");
    }

    /**
     * Each batch writes one line of CloudWatch's embedded metric format: the tickets it gave to an
     * agent and those that entered a queue and wait there (a pickup's tickets count as assigned).
     */
    @Test
    void eachBatchCountsTheTicketsItAssignedAndThoseLeftWaiting() throws Exception {
        agent("fabi.fn@desk.example", AgentStatus.ONLINE);
        department("fn-cap", Strategy.LEAST_BUSY, List.of("fabi.fn@desk.example"), Optional.of(1));
        Ticket first = openIn("5511970000008", "fn-cap", "wamid.FN9");
        openIn("5511970000009", "fn-cap", "wamid.FN10");
        String expected = """
                {"_aws":{"Timestamp":%d,"CloudWatchMetrics":[{"Namespace":"Janela","Dimensions":[["Function"]],
                  "Metrics":[{"Name":"TicketsAssigned","Unit":"Count"},{"Name":"TicketsLeftWaiting","Unit":"Count"}]}]},
                 "Function":"assign","TicketsAssigned":%d,"TicketsLeftWaiting":%d}""";

        try (EmfCapture stdout = EmfCapture.start()) {
            assertNoFailures(invoke(ticketRecords()));
            JsonNode batch = stdout.only();
            assertEquals(JSON.readTree(expected.formatted(batch.path("_aws").path("Timestamp").asLong(), 1, 1)), batch,
                    "Fabi took one and reached her cap: the other waits");
        }
        closings.close(first.contact(), first.id(), new Closing(CloseReason.AGENT, now, "fabi.fn@desk.example", WindowState.OPEN,
                ClosingMessage.NONE), new CloseCondition.WhileOpen());
        try (EmfCapture stdout = EmfCapture.start()) {
            assertNoFailures(invoke(ticketRecords()));
            JsonNode batch = stdout.only();
            assertEquals(JSON.readTree(expected.formatted(batch.path("_aws").path("Timestamp").asLong(), 1, 0)), batch,
                    "her freed slot took the waiting ticket");
            assertTrue(Math.abs(batch.path("_aws").path("Timestamp").asLong() - System.currentTimeMillis()) < 60_000);
        }
    }

    @Test
    void anEmptyBatchAnswersNoFailures() {
        assertNoFailures(MockLambda.invoke("{\"Records\":[]}"));
        assertTrue(MockLambda.invoke("{}").path("batchItemFailures").isEmpty());
    }
}
