package io.janela.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.adapters.meta.WebhookParser;
import io.janela.application.DirectoryStore;
import io.janela.application.WebhookIngest;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.team.Agent;
import io.janela.functions.http.HttpApiRequest;
import io.janela.support.DynamoDbLocalResource;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sample events in functions/desk/events stay valid: each one is invoked as Lambda would and
 * answers the status its README promises. The read samples read what the webhook's
 * message-text sample creates.
 */
@QuarkusTest
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class DeskSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DESK_EVENTS = Path.of("functions/desk/events");
    /** Every desk sample and the status it answers; the writes run before the reads. */
    private static final Map<String, Integer> EXPECTED = Map.of(
            "put-agent.json", 200,
            "put-template.json", 200,
            "put-settings.json", 200,
            "get-contact.json", 200,
            "get-ticket.json", 200);
    private static final List<String> ORDER =
            List.of("put-agent.json", "put-template.json", "put-settings.json", "get-contact.json", "get-ticket.json");

    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;
    @Inject
    DirectoryStore directory;

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
        JsonNode message = JSON.readTree(Files.readString(SampleEventsTest.WEBHOOK_EVENTS.resolve("message-text.json")));
        ingest.apply(parser.parse(message.path("body").asText().getBytes(StandardCharsets.UTF_8), Instant.now()));

        for (String file : ORDER) {
            JsonNode response = MockLambda.invoke(sample(file));
            assertEquals(EXPECTED.get(file).intValue(), response.path("statusCode").asInt(), file + ": " + response);
            assertEquals("application/json", response.path("headers").path("content-type").asText(), file);
        }

        assertEquals(Optional.of(new Agent("carla.souza@loja.com.br", "Carla Souza", List.of("billing", "returns"), true, true)),
                directory.findAgent("carla.souza@loja.com.br"));
        assertTrue(directory.findTemplate("order_shipped", "pt_BR").orElseThrow().sendable());
        assertEquals(ActiveMessagePolicy.PERMITTED_AGENTS, directory.activeMessagePolicy());
    }

    @Test
    void theWriteSamplesCarryTheCallerAsTheJwtAuthorizerDoes() throws Exception {
        for (String file : List.of("put-agent.json", "put-template.json", "put-settings.json")) {
            HttpApiRequest request = JSON.readValue(sample(file), HttpApiRequest.class);
            assertEquals(Optional.of("admin@loja.com.br"), request.callerEmail(), file);
            assertEquals("PUT", request.method(), file);
            assertEquals(request.routeKey(), JSON.readTree(sample(file)).path("requestContext").path("routeKey").asText(), file);
        }
    }
}
