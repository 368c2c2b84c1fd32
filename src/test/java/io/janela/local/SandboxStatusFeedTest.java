package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.functions.webhook.WebhookSignature;
import io.janela.domain.contact.CustomerId;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The feed as Meta's webhook deliveries: their shape, their signature, their retries. */
class SandboxStatusFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "feed-test-secret";
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration DELAY = Duration.ofMillis(5);

    private final List<HttpApiRequest> received = new CopyOnWriteArrayList<>();
    private SandboxStatusFeed feed;

    @AfterEach
    void stop() {
        feed.close();
    }

    private void start(Function<HttpApiRequest, Integer> answer) {
        feed = new SandboxStatusFeed(request -> {
            received.add(request);
            return HttpApiResponse.text(answer.apply(request), "");
        }, SECRET, DELAY, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SandboxSend send(String waId, boolean template, Optional<String> callbackData) {
        return new SandboxSend("106540352242922", new CustomerId.WaId(waId), template, callbackData);
    }

    @Test
    void eachStatusArrivesAsASignedMetaPostToTheWebhookRoute() throws Exception {
        start(request -> 200);
        feed.follow(send("5511933350001", true, Optional.of("ticket-9")), "wamid.F1");

        awaitReceived(3);
        assertEquals(List.of("sent", "delivered", "read"), received.stream().map(SandboxStatusFeedTest::status).toList());
        for (HttpApiRequest request : received) {
            assertEquals("POST", request.method());
            assertEquals("POST /webhook", request.routeKey());
            assertTrue(new WebhookSignature(SECRET).matches(request.bodyBytes(),
                    request.header("X-Hub-Signature-256").orElse(null)));
            JsonNode value = JSON.readTree(request.body()).path("entry").path(0).path("changes").path(0).path("value");
            assertEquals("106540352242922", value.path("metadata").path("phone_number_id").asText());
            JsonNode status = value.path("statuses").path(0);
            assertEquals("wamid.F1", status.path("id").asText());
            assertEquals("5511933350001", status.path("recipient_id").asText());
            assertEquals(Long.toString(NOW.getEpochSecond()), status.path("timestamp").asText());
            assertEquals("ticket-9", status.path("biz_opaque_callback_data").asText());
            assertEquals("utility", status.path("pricing").path("category").asText());
        }
    }

    @Test
    void theStatusesOfASendToAUserIdNameTheRecipientByThatUserIdAlone() throws Exception {
        start(request -> 200);
        feed.follow(new SandboxSend("106540352242922", new CustomerId.Bsuid("US.13491208655302741918"), false,
                Optional.empty()), "wamid.F5");

        awaitReceived(3);
        for (HttpApiRequest request : received) {
            JsonNode status = statusNode(request);
            assertEquals("US.13491208655302741918", status.path("recipient_user_id").asText(), status.toString());
            assertFalse(status.has("recipient_id"), "Meta leaves the phone out of a send to a user id: " + status);
        }
    }

    @Test
    void aMagicUserIdIsSentThenFailedNamedByItsUserId() throws Exception {
        start(request -> 200);
        feed.follow(new SandboxSend("106540352242922", new CustomerId.Bsuid("US.900131026"), false, Optional.empty()),
                "wamid.F6");

        awaitReceived(2);
        JsonNode failed = statusNode(received.get(1));
        assertEquals("failed", failed.path("status").asText());
        assertEquals(131026, failed.path("errors").path(0).path("code").asInt());
        assertEquals("US.900131026", failed.path("recipient_user_id").asText(),
                "a failed status keeps the user id the message was sent to");
    }

    @Test
    void aMagicRecipientIsSentThenFailedWithItsErrorAndNoPricing() throws Exception {
        start(request -> 200);
        feed.follow(send("5511900131047", true, Optional.empty()), "wamid.F2");

        awaitReceived(2);
        Thread.sleep(DELAY.multipliedBy(4).toMillis());
        assertEquals(List.of("sent", "failed"), received.stream().map(SandboxStatusFeedTest::status).toList());
        JsonNode failed = statusNode(received.get(1));
        assertFalse(failed.has("pricing"));
        JsonNode error = failed.path("errors").path(0);
        assertEquals(131047, error.path("code").asInt());
        assertFalse(error.path("title").asText().isEmpty());
        assertFalse(error.path("error_data").path("details").asText().isEmpty());
    }

    @Test
    void aDeliveryAnsweredNon200IsRetriedUntilTaken() throws Exception {
        AtomicInteger refusals = new AtomicInteger(2);
        start(request -> status(request).equals("sent") && refusals.getAndDecrement() > 0 ? 503 : 200);
        feed.follow(send("5511933350002", false, Optional.empty()), "wamid.F3");

        awaitReceived(5);
        Thread.sleep(DELAY.multipliedBy(10).toMillis());
        assertEquals(3, received.stream().filter(request -> status(request).equals("sent")).count());
        assertEquals(5, received.size());
    }

    @Test
    void aDeliveryThatIsNeverTakenIsGivenUpAfterAFewTries() throws Exception {
        start(request -> 500);
        feed.follow(send("5511933350003", false, Optional.empty()), "wamid.F4");

        awaitReceived(12);
        Thread.sleep(DELAY.multipliedBy(20).toMillis());
        for (String status : List.of("sent", "delivered", "read")) {
            assertEquals(4, received.stream().filter(request -> status(request).equals(status)).count(), status);
        }
    }

    private void awaitReceived(int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        assertTrue(received.size() >= count, "received " + received.size() + " of " + count);
    }

    private static JsonNode statusNode(HttpApiRequest request) {
        try {
            return JSON.readTree(request.body()).path("entry").path(0).path("changes").path(0).path("value")
                    .path("statuses").path(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(HttpApiRequest request) {
        return statusNode(request).path("status").asText();
    }
}
