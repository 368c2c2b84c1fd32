package io.janela.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.assignment.TeamStore;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.application.sweep.ClosingStore;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.functions.http.HttpApiRequest;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.MockLambda;
import io.janela.support.WireMockGraph;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The sample events in functions/desk/events stay valid: each one is invoked as Lambda would and
 * answers the status its README promises. The read samples read what the webhook's
 * message-text sample creates; the close samples then close that ticket, so these samples run on
 * tables of their own (WireMock, as Meta, takes the closing message while the window is open).
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class DeskSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DESK_EVENTS = Path.of("functions/desk/events");
    /** Every desk sample and the status it answers; the writes run before the reads, the closes last. */
    private static final Map<String, Integer> EXPECTED = Map.ofEntries(
            Map.entry("put-agent.json", 200),
            Map.entry("put-agent-status.json", 200),
            Map.entry("put-department.json", 200),
            Map.entry("get-departments.json", 200),
            Map.entry("put-template.json", 200),
            Map.entry("put-settings.json", 200),
            Map.entry("get-contact.json", 200),
            Map.entry("get-ticket.json", 200),
            Map.entry("put-contact.json", 200),
            Map.entry("assign-ticket.json", 200),
            Map.entry("tag-ticket.json", 200),
            Map.entry("add-note.json", 201),
            Map.entry("get-notes.json", 200),
            Map.entry("get-ticket-messages.json", 200),
            Map.entry("get-contact-messages.json", 200),
            Map.entry("get-message.json", 404),
            Map.entry("list-tickets.json", 200),
            Map.entry("list-quarantine.json", 200),
            Map.entry("cancel-scheduled-close.json", 200),
            Map.entry("close-ticket.json", 200),
            Map.entry("unmatched-route.json", 405));
    private static final List<String> ORDER = List.of("put-agent.json", "put-agent-status.json", "put-department.json",
            "get-departments.json", "put-template.json", "put-settings.json",
            "get-contact.json", "get-ticket.json", "put-contact.json", "assign-ticket.json", "tag-ticket.json",
            "add-note.json", "get-notes.json", "get-ticket-messages.json", "get-contact-messages.json", "get-message.json",
            "list-tickets.json", "list-quarantine.json", "cancel-scheduled-close.json",
            "close-ticket.json", "unmatched-route.json");
    private static final String CARLA = "carla.souza@loja.com.br";

    @WireMockGraph.Server
    WireMockServer meta;
    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;
    @Inject
    DirectoryStore directory;
    @Inject
    ContactStore contacts;
    @Inject
    ClosingStore closings;
    @Inject
    TeamStore team;

    private static String sample(String file) throws Exception {
        return Files.readString(DESK_EVENTS.resolve(file));
    }

    @Test
    void everyDeskSampleInTheFolderHasAnExpectedAnswer() throws Exception {
        assertEquals(new TreeSet<>(EXPECTED.keySet()), SampleEventsTest.samplesIn(DESK_EVENTS));
        assertEquals(EXPECTED.keySet(), Set.copyOf(ORDER));
    }

    @Test
    void everyDeskSampleAnswersAsDocumented() throws Exception {
        meta.resetAll();
        meta.stubFor(post(urlPathMatching("/v25.0/[0-9]+/messages")).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"5511987654321\",\"wa_id\":\"5511987654321\"}],"
                        + "\"messages\":[{\"id\":\"wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjk5\"}]}")));
        JsonNode message = JSON.readTree(Files.readString(SampleEventsTest.WEBHOOK_EVENTS.resolve("message-text.json")));
        ingest.apply(parser.parse(message.path("body").asText().getBytes(StandardCharsets.UTF_8), Instant.now()));

        for (String file : ORDER) {
            if (file.equals("cancel-scheduled-close.json")) {
                carlaScheduledAClose();
            }
            JsonNode response = MockLambda.invoke(sample(file));
            assertEquals(EXPECTED.get(file).intValue(), response.path("statusCode").asInt(), file + ": " + response);
            assertEquals("application/json", response.path("headers").path("content-type").asText(), file);
            if (file.equals("list-tickets.json")) {
                JsonNode page = JSON.readTree(response.path("body").asText());
                assertEquals(1, page.path("tickets").size(), "Carla's tickets tagged vip: " + page);
                assertEquals(SAMPLE_TICKET.value(), page.path("tickets").path(0).path("id").asText());
                assertEquals(CARLA, page.path("tickets").path(0).path("agent").asText());
                assertTrue(page.path("cursor").isNull(), "one ticket, the last page: " + page);
            }
            if (file.equals("get-ticket-messages.json") || file.equals("get-contact-messages.json")) {
                JsonNode page = JSON.readTree(response.path("body").asText());
                assertEquals(1, page.path("messages").size(), file + ": the sample's one message: " + page);
                assertEquals("inbound", page.path("messages").path(0).path("direction").asText(), page.toString());
                assertEquals("customer", page.path("messages").path(0).path("from").path("kind").asText(), page.toString());
                assertEquals("text", page.path("messages").path(0).path("kind").asText(), page.toString());
                assertTrue(page.path("cursor").isNull(), page.toString());
            }
            if (file.equals("get-message.json")) {
                assertEquals("unknown_message", JSON.readTree(response.path("body").asText()).path("error").asText());
            }
            if (file.equals("list-quarantine.json")) {
                JsonNode page = JSON.readTree(response.path("body").asText());
                assertTrue(page.path("items").isArray() && page.has("cursor"), page.toString());
            }
        }

        assertEquals(Optional.of(new Agent("carla.souza@loja.com.br", "Carla Souza", AgentStatus.ONLINE, true)),
                directory.findAgent("carla.souza@loja.com.br"));
        assertTrue(directory.findTemplate("order_shipped", "pt_BR").orElseThrow().sendable());
        assertEquals(ActiveMessagePolicy.PERMITTED_AGENTS, directory.activeMessagePolicy());
        assertEquals(Optional.of("billing"), team.defaultDepartment());
        assertEquals(List.of(CARLA), team.findDepartment("billing").orElseThrow().agents());
        Ticket closed = contacts.findTicket(SAMPLE_TICKET).orElseThrow();
        assertEquals(TicketStatus.CLOSED, closed.status());
        assertEquals(CloseReason.AGENT, closed.closing().orElseThrow().reason());
        assertEquals(CARLA, closed.closing().orElseThrow().by());
        // the sample customer wrote at 2026-11-21T09:00Z: the message goes while that window is open
        ClosingMessage.Outcome closingMessage = closed.closing().orElseThrow().message().outcome();
        assertEquals(Instant.now().isBefore(Instant.parse("2026-11-22T09:00:00Z"))
                ? ClosingMessage.Outcome.SENT : ClosingMessage.Outcome.WINDOW_CLOSED, closingMessage);
        assertEquals(Optional.empty(), closed.scheduledClose(), "the cancel sample cancelled Carla's scheduled close");
        assertEquals(Optional.of(CARLA), closed.agent(), "assigned to Carla by hand");
        assertEquals(Set.of("entrega", "vip"), closed.tags());
        assertEquals(Optional.of(CARLA), contacts.findContact(closed.contact()).orElseThrow().profile().defaultAgent());
    }

    private static final TicketId SAMPLE_TICKET = new TicketId("ta4b888a8f326a491828cf491c092f29c34");

    /**
     * A close Carla scheduled from the desk, for the cancel sample to cancel. Set here, not by a
     * sample: a sample's {@code at} would be in the past a day later.
     */
    private void carlaScheduledAClose() {
        Ticket ticket = contacts.findTicket(SAMPLE_TICKET).orElseThrow();
        assertEquals(ClosingStore.ScheduleOutcome.SCHEDULED, closings.scheduleClose(ticket.contact(), ticket.id(),
                new ScheduledClose(Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS), true,
                        Optional.empty(), CARLA, Instant.now().truncatedTo(ChronoUnit.SECONDS))));
    }

    @Test
    void theWriteSamplesCarryTheCallerAsTheJwtAuthorizerDoes() throws Exception {
        String admin = "admin@loja.com.br";
        Map<String, String> callers = Map.ofEntries(Map.entry("put-agent.json", admin), Map.entry("put-template.json", admin),
                Map.entry("put-settings.json", admin), Map.entry("put-department.json", admin),
                Map.entry("put-agent-status.json", CARLA), Map.entry("cancel-scheduled-close.json", CARLA),
                Map.entry("close-ticket.json", CARLA), Map.entry("put-contact.json", CARLA), Map.entry("assign-ticket.json", CARLA),
                Map.entry("tag-ticket.json", CARLA), Map.entry("add-note.json", CARLA), Map.entry("get-notes.json", CARLA),
                Map.entry("list-tickets.json", CARLA), Map.entry("list-quarantine.json", admin));
        for (var caller : callers.entrySet()) {
            String file = caller.getKey();
            HttpApiRequest request = JSON.readValue(sample(file), HttpApiRequest.class);
            assertEquals(Optional.of(caller.getValue()), request.callerEmail(), file);
            assertTrue(request.routeKey().startsWith(request.method() + " "), file + ": the method is the route's");
            assertEquals(request.routeKey(), JSON.readTree(sample(file)).path("requestContext").path("routeKey").asText(), file);
        }
    }
}
