package io.janela.functions;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.support.TestContacts;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.janela.adapters.meta.WebhookSignature;
import io.janela.application.ContactStore;
import io.janela.domain.contact.ContactKey;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.DynamoFailureSwitch;
import io.janela.support.HttpApiEvents;
import io.janela.support.MetaPayloads;
import io.janela.support.MockLambda;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(WebhookProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class WebhookFunctionTest {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private static final WebhookSignature META = new WebhookSignature(WebhookProfile.APP_SECRET);

    @Inject
    ContactStore contacts;

    @AfterEach
    void dynamoBackOnline() {
        DynamoFailureSwitch.off();
    }

    private static JsonNode handshake(Map<String, String> query) {
        return MockLambda.invoke(HttpApiEvents.get("/webhook", "/webhook", query, Map.of()));
    }

    private static JsonNode post(byte[] body, Optional<String> signature, boolean base64) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json", "user-agent", "facebookexternalua"));
        signature.ifPresent(value -> headers.put("X-Hub-Signature-256", value));
        return MockLambda.invoke(HttpApiEvents.event("POST", "/webhook", "/webhook", headers, Map.of(), Map.of(), body, base64));
    }

    private static JsonNode signedPost(byte[] body) {
        return post(body, Optional.of(META.sign(body)), false);
    }

    private Optional<ContactStore.ContactRecord> contact(String waId) {
        return contacts.findContact(TestContacts.key(waId));
    }

    @Test
    void theHandshakeEchoesTheChallengeAsPlainText() {
        JsonNode response = handshake(Map.of(
                "hub.mode", "subscribe", "hub.challenge", "1158201444", "hub.verify_token", WebhookProfile.VERIFY_TOKEN));
        assertEquals(200, response.path("statusCode").asInt());
        assertEquals("1158201444", response.path("body").asText());
        assertTrue(response.path("headers").path("content-type").asText().startsWith("text/plain"));
    }

    @Test
    void aHandshakeWithTheWrongTokenOrModeIsForbidden() {
        assertEquals(403, handshake(Map.of("hub.mode", "subscribe", "hub.challenge", "1", "hub.verify_token", "guess"))
                .path("statusCode").asInt());
        assertEquals(403, handshake(Map.of("hub.mode", "unsubscribe", "hub.challenge", "1",
                "hub.verify_token", WebhookProfile.VERIFY_TOKEN)).path("statusCode").asInt());
        assertEquals(403, handshake(Map.of()).path("statusCode").asInt());
    }

    @Test
    void aSignedNotificationIsStoredBeforeTheAnswer() {
        byte[] body = notification().text("5511911110001", "Ana", "wamid.F1", NOW, "Oi").bytes();
        JsonNode response = signedPost(body);

        assertEquals(200, response.path("statusCode").asInt());
        ContactStore.ContactRecord ana = contact("5511911110001").orElseThrow();
        assertEquals(Optional.of(NOW), ana.window().lastInboundAt());
        assertTrue(ana.openTicket().isPresent());
    }

    @Test
    void theSignatureIsCheckedOverTheRawBytesEvenWhenBase64Encoded() {
        // Meta escapes nothing it need not: non-ASCII bytes reach us as sent, and API Gateway may base64 them.
        byte[] body = notification().text("5511911110002", "João", "wamid.F2", NOW, "Olá, ação!").bytes();
        JsonNode response = post(body, Optional.of(META.sign(body)), true);

        assertEquals(200, response.path("statusCode").asInt());
        assertEquals(Optional.of("João"), contact("5511911110002").orElseThrow().profile().name());
    }

    @Test
    void aMissingOrWrongSignatureIs401AndWritesNothing() {
        byte[] body = notification().text("5511911110003", "Ana", "wamid.F3", NOW, "Oi").bytes();
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Oi", "Oh").getBytes(StandardCharsets.UTF_8);

        assertEquals(401, post(body, Optional.empty(), false).path("statusCode").asInt());
        assertEquals(401, post(tampered, Optional.of(META.sign(body)), false).path("statusCode").asInt());
        assertEquals(401, post(body, Optional.of("sha256=" + "0".repeat(64)), false).path("statusCode").asInt());
        assertEquals(401, post(body, Optional.of(new WebhookSignature("another-secret").sign(body)), false)
                .path("statusCode").asInt());
        assertEquals(Optional.empty(), contact("5511911110003"));
    }

    @Test
    void malformedJsonIs400AndWritesNothing() {
        assertEquals(400, signedPost("{\"entry\": [".getBytes(StandardCharsets.UTF_8)).path("statusCode").asInt());
        assertEquals(400, signedPost("[1,2]".getBytes(StandardCharsets.UTF_8)).path("statusCode").asInt());

        // valid JSON, but the second message has no timestamp: the first must not be applied either
        String broken = notification()
                .text("5511911110004", "Ana", "wamid.F4", NOW, "Oi")
                .text("5511911110004", "Ana", "wamid.F5", NOW, "Oi de novo")
                .json().replaceFirst("(\"id\":\"wamid.F5\"),\"timestamp\":\"\\d+\"", "$1");
        JsonNode response = signedPost(broken.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.path("statusCode").asInt());
        assertTrue(response.path("body").asText().contains("messages[0].timestamp is required"), response.toString());
        assertEquals(Optional.empty(), contact("5511911110004"));
    }

    @Test
    void unknownFieldsAndChangeKindsAreAcceptedNotFailed() {
        byte[] body = notification()
                .change("account_update", value -> value.put("event", "VERIFIED_ACCOUNT"))
                .change("phone_number_quality_update", value -> value.put("current_limit", "TIER_10K"))
                .text("5511911110005", "Ana", "wamid.F6", NOW, "Oi")
                .json().replace("\"messaging_product\"", "\"brand_new_field\":{\"x\":1},\"messaging_product\"")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(200, signedPost(body).path("statusCode").asInt());
        assertTrue(contact("5511911110005").isPresent());
    }

    @Test
    void whenDynamoDbFailsMetaIsToldToDeliverAgainAndTheRedeliveryCompletes() {
        MetaPayloads payload = notification()
                .text("5511911110006", "Ana", "wamid.F7", NOW, "Oi")
                .text("5511911110007", "Bruno", "wamid.F8", NOW.plusSeconds(1), "Olá");
        byte[] body = payload.bytes();
        DynamoFailureSwitch.failAfter(2);

        JsonNode failed = signedPost(body);
        assertEquals(503, failed.path("statusCode").asInt());
        assertTrue(contact("5511911110007").isEmpty(), "the second contact was never reached");

        DynamoFailureSwitch.off();
        assertEquals(200, signedPost(body).path("statusCode").asInt());
        assertTrue(contact("5511911110006").orElseThrow().openTicket().isPresent());
        assertTrue(contact("5511911110007").orElseThrow().openTicket().isPresent());
    }
}
