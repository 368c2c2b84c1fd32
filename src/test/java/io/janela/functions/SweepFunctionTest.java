package io.janela.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import io.janela.support.TestContacts;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.contacts.ContactStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.application.sweep.ClosingStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketStatus;
import io.janela.domain.window.WindowState;
import io.janela.local.LocalSweepSchedule;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.EmfCapture;
import io.janela.support.MockLambda;
import io.janela.support.WireMockGraph;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sweeper as Lambda runs it: EventBridge's scheduled event (the sample in
 * functions/sweep/events) is POSTed to the mock event server, tickets come from Meta's webhook
 * payloads, and the closing messages and nudges reach WireMock standing in for the Graph API.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(SweepProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class SweepFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SWEEP_EVENTS = Path.of("functions/sweep/events");
    private static final String MESSAGES = "/v25.0/" + PHONE_NUMBER_ID + "/messages";
    private static final String BIA = "bia@desk.example";

    @WireMockGraph.Server
    WireMockServer meta;

    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;
    @Inject
    ContactStore contacts;
    @Inject
    ClosingStore closings;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;
    @Inject
    Scheduler scheduler;

    /** Meta's answer to a send, with a wamid naming its recipient. */
    private void metaAcceptsEverySend() {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("""
                {"messaging_product":"whatsapp",
                 "contacts":[{"input":"{{jsonPath request.body '$.to'}}","wa_id":"{{jsonPath request.body '$.to'}}"}],
                 "messages":[{"id":"wamid.{{jsonPath request.body '$.to'}}"}]}
                """).withTransformers("response-template")));
    }

    /** The customer's message reaches Janela as Meta delivers it; answers the ticket it opened. */
    private Ticket customerWrote(String waId, String wamid, Instant at) {
        ingest.apply(parser.parse(notification().text(waId, "Cliente " + waId.substring(9), wamid, at, "Oi").bytes(),
                Instant.now()));
        return contacts.findContact(TestContacts.key(waId)).orElseThrow().openTicket().orElseThrow();
    }

    /** A close an agent scheduled earlier from the desk, as the desk route stored it. */
    private void scheduledEarlier(Ticket ticket, Instant at, Instant requestedAt, Optional<String> message) {
        assertEquals(ClosingStore.ScheduleOutcome.SCHEDULED, closings.scheduleClose(ticket.contact(), ticket.id(),
                new ScheduledClose(at, true, message, BIA, requestedAt)));
    }

    private static JsonNode scheduledEvent() throws Exception {
        return MockLambda.invoke(Files.readString(SWEEP_EVENTS.resolve("scheduled.json")));
    }

    private Ticket reread(Ticket ticket) {
        return contacts.findTicket(ticket.id()).orElseThrow();
    }

    private Map<String, AttributeValue> item(Ticket ticket) {
        return dynamo.getItem(request -> request.tableName(config.tables().contacts()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("C#" + ticket.contact().id()),
                "sk", AttributeValue.fromS("TICKET#" + ticket.id().value())))).item();
    }

    private static String text(String to, String body) {
        return """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s",
                 "type":"text","text":{"body":"%s"}}""".formatted(to, body);
    }

    private static void assertNothingDone(JsonNode run) {
        for (String count : Set.of("closed", "overdue", "keptOpen", "closedAfterWindow", "closingMessagesSent",
                "scheduledClosed", "scheduledCancelled", "markedExpiring", "nudged", "failed")) {
            assertEquals(0, run.path(count).asInt(-1), count + " in " + run);
        }
        assertFalse(run.path("more").asBoolean(true), run.toString());
    }

    @Test
    void aScheduledEventDoesWhatIsDueAndTheNextFindsNothingLeftToDo() throws Exception {
        meta.resetAll();
        metaAcceptsEverySend();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Ticket ana = customerWrote("5511955550001", "wamid.W1", now.minus(Duration.ofMinutes(23 * 60 + 50)));
        Ticket bruno = customerWrote("5511955550002", "wamid.W2", now.minus(Duration.ofHours(26)));
        Ticket carla = customerWrote("5511955550003", "wamid.W3", now.minus(Duration.ofMinutes(23 * 60 + 35)));
        Ticket dani = customerWrote("5511955550004", "wamid.W4", now.minus(Duration.ofHours(1)));
        Ticket eva = customerWrote("5511955550005", "wamid.W5", now.minus(Duration.ofHours(2)));
        scheduledEarlier(eva, now.minus(Duration.ofMinutes(1)), now.minus(Duration.ofMinutes(30)),
                Optional.of("Encerrando conforme combinado."));
        Ticket fabio = customerWrote("5511955550006", "wamid.W6", now.minus(Duration.ofMinutes(10)));
        scheduledEarlier(fabio, now.minus(Duration.ofMinutes(1)), now.minus(Duration.ofHours(1)), Optional.empty());

        JsonNode run;
        JsonNode metrics;
        try (EmfCapture stdout = EmfCapture.start()) {
            run = scheduledEvent();
            metrics = stdout.only();
        }

        // Ana's window has ten minutes left: closed with the closing message. Bruno's ended during
        // an outage: closed without one. Both were due before this first run: catch-up.
        assertEquals(2, run.path("closed").asInt(), run.toString());
        assertEquals(2, run.path("overdue").asInt(), run.toString());
        assertEquals(1, run.path("closedAfterWindow").asInt(), run.toString());
        assertEquals(1, run.path("scheduledClosed").asInt(), run.toString());
        assertEquals(1, run.path("scheduledCancelled").asInt(), run.toString());
        assertEquals(2, run.path("closingMessagesSent").asInt(), "Ana's and Eva's scheduled close's: " + run);
        assertEquals(1, run.path("markedExpiring").asInt(), run.toString());
        assertEquals(1, run.path("nudged").asInt(), run.toString());
        assertEquals(0, run.path("keptOpen").asInt(), run.toString());
        assertEquals(0, run.path("failed").asInt(), run.toString());
        assertFalse(run.path("more").asBoolean(true), run.toString());
        assertTrue(run.path("previousRunAt").isNull(), "the first run has none: " + run);
        Instant startedAt = Instant.parse(run.path("startedAt").asText());
        assertFalse(startedAt.isBefore(now), run.toString());
        // the most overdue close: Bruno's, due 23h40m after he wrote, 2h20m before this test began
        long lag = Duration.between(now.minus(Duration.ofHours(26)).plus(Duration.ofMinutes(23 * 60 + 40)), startedAt).toSeconds();
        assertEquals(lag, run.path("lagSeconds").asLong(), run.toString());
        long writtenAt = metrics.path("_aws").path("Timestamp").asLong();
        assertFalse(writtenAt < startedAt.toEpochMilli(), metrics.toString());
        assertEquals(JSON.readTree("""
                {"_aws":{"Timestamp":%d,"CloudWatchMetrics":[{"Namespace":"Janela","Dimensions":[["Function"]],
                  "Metrics":[{"Name":"SweepCloses","Unit":"Count"},{"Name":"SweepLag","Unit":"Seconds"}]}]},
                 "Function":"sweep","SweepCloses":3,"SweepLag":%d}""".formatted(writtenAt, lag)), metrics,
                "Ana's and Bruno's closes and Eva's scheduled one");

        Closing anaClosing = reread(ana).closing().orElseThrow();
        assertEquals(new Closing(CloseReason.WINDOW_GUARD, anaClosing.at(), Closing.JANELA, WindowState.EXPIRING,
                ClosingMessage.sent("wamid.5511955550001")), anaClosing);
        Closing brunoClosing = reread(bruno).closing().orElseThrow();
        assertEquals(new Closing(CloseReason.WINDOW_GUARD, brunoClosing.at(), Closing.JANELA, WindowState.EXPIRED,
                ClosingMessage.WINDOW_CLOSED), brunoClosing);
        Ticket evaClosed = reread(eva);
        assertEquals(TicketStatus.CLOSED, evaClosed.status());
        assertEquals(new Closing(CloseReason.SCHEDULED, evaClosed.closing().orElseThrow().at(), BIA, WindowState.OPEN,
                ClosingMessage.sent("wamid.5511955550005")), evaClosed.closing().orElseThrow());
        Ticket fabioNow = reread(fabio);
        assertTrue(fabioNow.isOpen(), "Fábio wrote after the close was scheduled, which cancelled it");
        assertEquals(Optional.empty(), fabioNow.scheduledClose());
        assertTrue(reread(carla).isOpen());
        assertEquals(reread(dani), dani, "a ticket with nothing due is left as it was");
        for (Ticket closed : new Ticket[] {ana, bruno, eva}) {
            Map<String, AttributeValue> item = item(closed);
            assertEquals("CLOSED", item.get("status").s());
            assertFalse(item.containsKey("dueShard") || item.containsKey("closeShard"),
                    "a closed ticket leaves the sweeper's indexes: " + item);
        }
        assertTrue(item(carla).containsKey("expiringFor"), "Carla's ticket is marked EXPIRING");

        meta.verify(3, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + WireMockGraph.ACCESS_TOKEN)));
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(equalToJson(text("5511955550001", SweepProfile.CLOSING_MESSAGE))));
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(equalToJson(text("5511955550005", "Encerrando conforme combinado."))));
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(equalToJson(text("5511955550003", SweepProfile.NUDGE))));
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.to", equalTo("5511955550002"))));

        JsonNode next;
        try (EmfCapture stdout = EmfCapture.start()) {
            next = scheduledEvent();
            assertEquals(0, stdout.only().path("SweepCloses").asInt(-1));
            assertEquals(0, stdout.only().path("SweepLag").asInt(-1), "every run counts its lag, zero when nothing was late");
        }

        assertNothingDone(next);
        assertEquals(startedAt.truncatedTo(ChronoUnit.SECONDS), Instant.parse(next.path("previousRunAt").asText()),
                next.toString());
        meta.verify(3, postRequestedFor(urlEqualTo(MESSAGES)));
        assertTrue(reread(carla).isOpen());
        assertTrue(reread(dani).isOpen());
    }

    /** In AWS, EventBridge alone starts sweeps; local mode's scheduler stays out of the Lambda. */
    @Test
    void theLambdaSweepsOnlyWhenInvoked() {
        assertNull(scheduler.getScheduledJob(LocalSweepSchedule.JOB));
    }
}
