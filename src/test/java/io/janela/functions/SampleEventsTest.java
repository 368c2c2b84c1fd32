package io.janela.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.contacts.ContactStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.MockLambda;
import io.janela.support.MutableClockProducer;
import io.janela.support.TestContacts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sample events in functions/webhook/events stay valid: each one is invoked as Lambda would.
 * The desk's samples need the desk function and run in {@link DeskSampleEventsTest}, the send's in
 * {@link SendSampleEventsTest}, assign's stream events in {@link AssignSampleEventsTest}; the scheduled
 * functions' one sample each (EventBridge's scheduled event) is invoked by {@link CampaignDriverFunctionTest}
 * and {@link SweepFunctionTest}.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(WebhookProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class SampleEventsTest {

    static final Path WEBHOOK_EVENTS = Path.of("functions/webhook/events");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** In the order a replay tells a story: Ana writes, Sheena (a username, no phone) writes, Ana changes her number. */
    private static final List<String> NOTIFICATIONS = List.of("message-text.json", "statuses.json", "template-status.json",
            "user-preferences.json", "message-username.json", "status-to-bsuid.json", "user-changed-number.json");
    /** After every sample's timestamps: Meta's times are believed up to the receipt plus five minutes. */
    private static final Instant RECEIVED = Instant.parse("2026-11-21T09:10:00Z");
    private static final String SHEENA = "US.13491208655302741918";

    @Inject
    ContactStore contacts;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    @BeforeEach
    void clockAfterTheSamples() {
        MutableClockProducer.CLOCK.set(RECEIVED);
    }

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

    /**
     * The 2026 samples in Meta's documented shapes: a customer known only by BSUID (username, parent
     * BSUID, no phone) becomes a contact with a window and a ticket, a status naming only the BSUID
     * reaches that contact, and a number change moves Ana's phone, not Ana.
     */
    @Test
    void theBsuidSamplesReachTheContactsTheyName() throws Exception {
        assertEquals(200, invoke("message-text.json").path("statusCode").asInt());
        ContactKey ana = TestContacts.key(dynamo, config.tables().contacts(), "5511987654321");

        assertEquals(200, invoke("message-username.json").path("statusCode").asInt());
        ContactKey sheena = TestContacts.key(dynamo, config.tables().contacts(), SHEENA);
        ContactStore.ContactRecord written = contacts.findContact(sheena).orElseThrow();
        assertEquals(Optional.of(Instant.ofEpochSecond(1795251900)), written.window().lastInboundAt());
        assertTrue(written.openTicket().isPresent());
        ContactIdentity identity = written.profile().identity();
        assertEquals(Optional.empty(), identity.waId());
        assertEquals(Optional.of("US.ENT.11815799212886844830"), identity.parentUserId());
        assertEquals(Optional.of("realsheenanelson"), identity.username());
        assertEquals(Optional.of("Sheena Nelson"), written.profile().name());

        assertEquals(200, invoke("status-to-bsuid.json").path("statusCode").asInt());
        Map<String, AttributeValue> status = dynamo.getItem(request -> request.tableName(config.tables().contacts())
                .consistentRead(true)
                .key(TestContacts.itemKey(sheena, "OUT#wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA="))).item();
        assertEquals("delivered", status.get("status").s(), status.toString());

        assertEquals(200, invoke("user-changed-number.json").path("statusCode").asInt());
        assertEquals(ana, TestContacts.key(dynamo, config.tables().contacts(), "5511987654399"), "the new number names Ana");
        assertEquals(ana, TestContacts.key(dynamo, config.tables().contacts(), "5511987654321"),
                "the old number still names her for what came before");
        ContactStore.ContactRecord moved = contacts.findContact(ana).orElseThrow();
        assertEquals(Optional.of("5511987654399"), moved.profile().identity().waId().map(CustomerId::value));
        assertTrue(moved.openTicket().isPresent(), "her ticket stays open");
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
