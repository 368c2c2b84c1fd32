package io.janela.functions;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.ingest.WebhookIngest;
import io.janela.config.JanelaConfig;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MockLambda;
import io.janela.support.TableSnapshot;
import io.janela.support.TestContacts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The webhook updates Janela could never apply, as an administrator sees to them: Meta's POST with
 * one bad update is applied but for that update, which the desk then lists ({@code GET /quarantine},
 * newest day first, a page at a time) and deletes once seen to ({@code DELETE /quarantine/{id}}).
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class DeskQuarantineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin@desk.example";

    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    /**
     * Meta's POST, received at {@code receivedAt}: a good message from {@code good} and one from
     * {@code bad} whose timestamp is not an instant. Answers what the webhook made of it.
     */
    private WebhookIngest.Report delivered(String good, String bad, String wamid, Instant receivedAt) {
        Instant sent = receivedAt.minus(Duration.ofMinutes(1));
        String body = notification()
                .text(good, "Ana", wamid + ".good", sent, "Oi")
                .text(bad, "Bruno", wamid + ".bad", sent, "Olá")
                .json()
                .replace("\"timestamp\":\"" + sent.getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"Olá\"}",
                        "\"timestamp\":\"soon\",\"type\":\"text\",\"text\":{\"body\":\"Olá\"}");
        return ingest.apply(parser.parse(body.getBytes(StandardCharsets.UTF_8), receivedAt));
    }

    private static JsonNode list(String caller, String... query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            parameters.put(query[i], query[i + 1]);
        }
        return MockLambda.invoke(as(caller, HttpApiEvents.get("/quarantine", "/quarantine", parameters, Map.of())));
    }

    private static JsonNode delete(String caller, String id) {
        return MockLambda.invoke(as(caller, HttpApiEvents.event("DELETE", "/quarantine/{id}", "/quarantine/" + id, Map.of(),
                Map.of(), Map.of("id", id), null, false)));
    }

    /** The request from {@code caller} (the administrator, when it is {@link #ADMIN}), or from nobody. */
    private static String as(String caller, String event) {
        if (caller == null) {
            return event;
        }
        String signedIn = HttpApiEvents.withCaller(event, caller);
        return caller.equals(ADMIN) ? HttpApiEvents.asAdministrator(signedIn) : signedIn;
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + response, e);
        }
    }

    private static JsonNode ok(JsonNode response) {
        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        return body(response);
    }

    private static void assertError(int status, String error, String named, JsonNode response) {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertEquals(error, body(response).path("error").asText(), response.toString());
        assertTrue(body(response).path("message").asText().startsWith(named), response.toString());
    }

    /** Every item on every page, following the cursor. */
    private static List<JsonNode> everything(int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = cursor == null ? ok(list(ADMIN, "limit", Integer.toString(limit)))
                    : ok(list(ADMIN, "limit", Integer.toString(limit), "cursor", cursor));
            assertTrue(page.path("items").size() <= limit, page.toString());
            page.path("items").forEach(items::add);
            cursor = page.path("cursor").isNull() ? null : page.path("cursor").asText();
        } while (cursor != null && ++pages < 1_000);
        return items;
    }

    private static List<JsonNode> carrying(List<JsonNode> items, String wamid) {
        return items.stream().filter(item -> item.path("excerpt").asText().contains("\"id\":\"" + wamid + "\"")).toList();
    }

    @Test
    void anUpdateThatCanNeverBeAppliedIsKeptListedNewestDayFirstAndDeletedOnceSeenTo() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant dayBefore = today.minus(Duration.ofDays(2)).plus(Duration.ofHours(10));
        Instant yesterday = today.minus(Duration.ofDays(1)).plus(Duration.ofHours(10));

        WebhookIngest.Report older = delivered("5511955550001", "5511955550002", "wamid.Q1", dayBefore);
        WebhookIngest.Report newer = delivered("5511955550003", "5511955550004", "wamid.Q2", yesterday);

        assertEquals(new WebhookIngest.Report(1, 1, 0), older, "the good message is applied, the bad one kept aside");
        assertEquals(new WebhookIngest.Report(1, 1, 0), newer);
        assertTrue(TestContacts.find(dynamo, config.tables().contacts(), "5511955550001").isPresent());
        assertFalse(TestContacts.find(dynamo, config.tables().contacts(), "5511955550002").isPresent(),
                "nothing of the bad message is applied");

        List<JsonNode> listed = everything(100);
        JsonNode kept = carrying(listed, "wamid.Q1.bad").get(0);
        assertTrue(kept.path("id").asText().matches("[0-9]{8}-[0-9a-f]{20}"), "an id a URL path takes as it is: " + kept);
        assertEquals(dayBefore, Instant.parse(kept.path("receivedAt").asText()));
        assertEquals(PHONE_NUMBER_ID, kept.path("phoneNumberId").asText());
        assertEquals("entry[0].changes[1].value.messages[0]", kept.path("path").asText());
        assertEquals("message", kept.path("kind").asText());
        assertEquals("entry[0].changes[1].value.messages[0].timestamp is not an instant: soon", kept.path("reason").asText());
        assertTrue(kept.path("bytes").asLong() > 0, kept.toString());
        assertTrue(kept.path("sha256").asText().matches("[0-9a-f]{64}"), kept.toString());
        assertEquals(List.of(), carrying(listed, "wamid.Q1.good"), "the good message is not kept aside");
        assertTrue(listed.indexOf(carrying(listed, "wamid.Q2.bad").get(0)) < listed.indexOf(kept), "newest day first");
        for (int i = 1; i < listed.size(); i++) {
            assertFalse(Instant.parse(listed.get(i).path("receivedAt").asText()).truncatedTo(ChronoUnit.DAYS)
                    .isAfter(Instant.parse(listed.get(i - 1).path("receivedAt").asText()).truncatedTo(ChronoUnit.DAYS)),
                    "newest day first: " + listed);
        }
        assertEquals(listed, everything(1), "pages of one item each, none twice and none missing");

        delivered("5511955550001", "5511955550002", "wamid.Q1", dayBefore.plus(Duration.ofHours(1)));
        assertEquals(1, carrying(everything(100), "wamid.Q1.bad").size(), "Meta's redelivery the same day is kept once");

        JsonNode deleted = delete(ADMIN, kept.path("id").asText());

        assertEquals(204, deleted.path("statusCode").asInt(), deleted.toString());
        assertEquals("", deleted.path("body").asText());
        List<JsonNode> after = everything(100);
        assertEquals(List.of(), carrying(after, "wamid.Q1.bad"));
        assertEquals(1, carrying(after, "wamid.Q2.bad").size(), "only the item named is deleted");
        assertError(404, "unknown_quarantined", "nothing quarantined", delete(ADMIN, kept.path("id").asText()));
    }

    @Test
    void theQuarantineNeedsACallerAndRefusesBadParametersChangingNothing() {
        delivered("5511955550005", "5511955550006", "wamid.Q3", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String id = carrying(everything(100), "wamid.Q3.bad").get(0).path("id").asText();
        List<String> before = TableSnapshot.of(dynamo, config.tables().directory());

        assertError(401, "unauthenticated", "", list(null));
        assertError(401, "unauthenticated", "", delete(null, id));
        for (String[] bad : new String[][] {{"limit", "0"}, {"limit", "101"}, {"limit", "ten"}, {"cursor", "not-a-cursor"},
                {"cursor", "USMyMDI2MTEyMSNhYmM"} /* Q#20261121#abc, not a key this list wrote */, {"order", "oldest"}}) {
            assertError(400, "invalid_request", bad[0], list(ADMIN, bad[0], bad[1]));
        }
        for (String unknown : List.of("20200101-00000000000000000000", "Q#20200101#00000000000000000000", "whatever")) {
            assertError(404, "unknown_quarantined", "nothing quarantined", delete(ADMIN, unknown));
        }

        assertEquals(before, TableSnapshot.of(dynamo, config.tables().directory()));
        assertEquals(1, ok(list(ADMIN, "limit", "1")).path("items").size(), "1 is the smallest page");
        assertEquals(200, list(ADMIN, "limit", "100").path("statusCode").asInt(), "100 the largest");
    }
}
