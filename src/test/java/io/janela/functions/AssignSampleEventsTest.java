package io.janela.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.assignment.TeamStore;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.EventFilter;
import io.janela.support.MockLambda;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The sample events in functions/assign/events stay valid: the ticket the webhook's message-text
 * sample opens waits in the default department while Carla is offline, and is hers once she comes
 * online. Both samples are records DynamoDB Local's streams wrote, in Lambda's event JSON.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(AssignProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class AssignSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ASSIGN_EVENTS = Path.of("functions/assign/events");
    private static final String CARLA = "carla.souza@loja.com.br";
    /** The ticket the webhook sample opens: Ana's contact key (as tests derive it from her phone) and the message's wamid. */
    private static final TicketId SAMPLE_TICKET = new TicketId("ta4b888a8f326a491828cf491c092f29c34");

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

    private static String sample(String file) throws Exception {
        return Files.readString(ASSIGN_EVENTS.resolve(file));
    }

    @Test
    void everyAssignSampleIsInvokedHere() throws Exception {
        assertEquals(Set.of("ticket-waiting.json", "agent-online.json"), SampleEventsTest.samplesIn(ASSIGN_EVENTS));
    }

    @Test
    void eachSamplePassesItsEventSourcesFilter() throws Exception {
        JsonNode ticket = JSON.readTree(sample("ticket-waiting.json")).path("Records").get(0);
        JsonNode agent = JSON.readTree(sample("agent-online.json")).path("Records").get(0);
        assertTrue(EventFilter.passes(AssignStreamFilterPatterns.TICKETS, ticket));
        assertTrue(EventFilter.passes(AssignStreamFilterPatterns.AGENTS, agent));
        for (JsonNode record : List.of(ticket, agent)) {
            assertEquals("aws:dynamodb", record.path("eventSource").asText());
            assertEquals("NEW_AND_OLD_IMAGES", record.path("dynamodb").path("StreamViewType").asText());
            assertTrue(record.path("eventSourceARN").asText().startsWith("arn:aws:dynamodb:us-east-1:123456789012:table/janela-"));
        }
    }

    @Test
    void theTicketWaitsForCarlaAndIsHersOnceSheComesOnline() throws Exception {
        JsonNode message = JSON.readTree(Files.readString(SampleEventsTest.WEBHOOK_EVENTS.resolve("message-text.json")));
        ingest.apply(parser.parse(message.path("body").asText().getBytes(StandardCharsets.UTF_8), Instant.now()));
        directory.putAgent(new Agent(CARLA, "Carla Souza", AgentStatus.OFFLINE, true));
        team.putDepartment(new Department("billing", "Billing", Department.Strategy.SEQUENTIAL, List.of(CARLA), Optional.empty(),
                Optional.empty()), "admin@loja.com.br", Instant.now());
        team.putDefaultDepartment(Optional.of("billing"), "admin@loja.com.br", Instant.now());
        try {
            assertEquals("{\"batchItemFailures\":[]}", MockLambda.invoke(sample("ticket-waiting.json")).toString());
            Ticket waiting = contacts.findTicket(SAMPLE_TICKET).orElseThrow();
            assertEquals(TicketStatus.WAITING, waiting.status());
            assertEquals(Optional.of("billing"), waiting.assignment().department(), "placed in the default department");

            team.setAgentStatus(CARLA, AgentStatus.ONLINE, CARLA, Instant.now());
            assertEquals("{\"batchItemFailures\":[]}", MockLambda.invoke(sample("agent-online.json")).toString());

            Ticket hers = contacts.findTicket(SAMPLE_TICKET).orElseThrow();
            assertEquals(TicketStatus.OPEN, hers.status());
            assertEquals(Optional.of(CARLA), hers.agent());
        } finally {
            team.putDefaultDepartment(Optional.empty(), "admin@loja.com.br", Instant.now());
        }
    }
}
