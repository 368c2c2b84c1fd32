package io.janela.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.MockLambda;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sample events in functions/webhook/events stay valid: each one is invoked as Lambda would.
 * The desk's samples need the desk function and run in {@link DeskSampleEventsTest}, the send's in
 * {@link SendSampleEventsTest}, assign's stream events in {@link AssignSampleEventsTest}; the scheduled
 * functions' one sample each (EventBridge's scheduled event) is invoked by {@link CampaignDriverFunctionTest}
 * and {@link SweepFunctionTest}.
 */
@QuarkusTest
@TestProfile(WebhookProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class SampleEventsTest {

    static final Path WEBHOOK_EVENTS = Path.of("functions/webhook/events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NOTIFICATIONS =
            List.of("message-text.json", "statuses.json", "template-status.json", "user-preferences.json");

    private static JsonNode invoke(String file) throws Exception {
        return MockLambda.invoke(Files.readString(WEBHOOK_EVENTS.resolve(file)));
    }

    /** Every sample in a folder, so one added without a test fails the build instead of rotting. */
    static Set<String> samplesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyWebhookSampleIsAccepted() throws Exception {
        JsonNode handshake = invoke("handshake.json");
        assertEquals(200, handshake.path("statusCode").asInt());
        assertEquals("1158201444", handshake.path("body").asText());
        for (String sample : NOTIFICATIONS) {
            assertEquals(200, invoke(sample).path("statusCode").asInt(), sample);
            assertEquals(200, invoke(sample).path("statusCode").asInt(), sample + " delivered twice");
        }
        JsonNode event = JSON.readTree(Files.readString(WEBHOOK_EVENTS.resolve("message-text.json")));
        assertEquals("POST /webhook", event.path("routeKey").asText());
    }

    @Test
    void everyWebhookSampleInTheFolderIsInvokedHere() throws IOException {
        Set<String> covered = new TreeSet<>(NOTIFICATIONS);
        covered.add("handshake.json");
        assertEquals(covered, samplesIn(WEBHOOK_EVENTS));
    }

    /** A function whose samples no test invokes fails here until one does (see the class comment). */
    @Test
    void everyFunctionsSamplesAreInvokedByATest() throws IOException {
        try (Stream<Path> functions = Files.list(Path.of("functions"))) {
            Set<String> withSamples = functions.filter(folder -> Files.isDirectory(folder.resolve("events")))
                    .map(folder -> folder.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of("assign", "campaign-driver", "desk", "send", "sweep", "webhook"), withSamples);
        }
    }

    @Test
    void theScheduledFunctionsSampleIsEventBridgesScheduledEvent() throws IOException {
        for (String function : List.of("campaign-driver", "sweep")) {
            Path events = Path.of("functions", function, "events");
            assertEquals(Set.of("scheduled.json"), samplesIn(events), function);
            String sample = Files.readString(events.resolve("scheduled.json"));
            JsonNode event = JSON.readTree(sample);
            assertEquals("0", event.path("version").asText(), function);
            assertEquals("aws.events", event.path("source").asText(), function);
            assertTrue(event.path("resources").get(0).asText().startsWith("arn:aws:events:us-east-1:123456789012:rule/"),
                    function);
            assertTrue(event.path("detail").isObject() && event.path("detail").isEmpty(), function);
            ScheduledEvent parsed = JSON.readValue(sample, ScheduledEvent.class);
            assertEquals("Scheduled Event", parsed.detailType(), function);
            Instant.parse(parsed.time()); // an ISO-8601 instant, as EventBridge writes it
        }
    }
}
