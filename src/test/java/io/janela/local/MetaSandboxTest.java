package io.janela.local;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.support.TestContacts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Local mode's Meta sandbox, driven as the real sender drives Meta: over HTTP, at the URL and
 * with the token local mode configures. What it feeds back is checked where the webhook stores
 * it, so the signed round trip through the webhook function is part of every test.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(LocalModeProfile.class)
class MetaSandboxTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    LocalMode localMode;
    @Inject
    JanelaConfig config;
    @Inject
    DynamoDbClient dynamo;

    @Test
    void localModeSendsToTheSandboxWithItsToken() {
        assertEquals("http://localhost:" + localMode.port() + "/sandbox", config.meta().graphUrl());
        assertEquals(Optional.of(LocalModeConfig.LOCAL_SANDBOX_TOKEN), config.meta().accessToken());
        assertEquals(config.meta().graphUrl(),
                ConfigProvider.getConfig().getValue("quarkus.rest-client.meta-graph.url", String.class),
                "the Graph API client's base URL follows janela.meta.graph-url");
    }

    @Test
    void aTextSendIsAcceptedAndItsStatusesComeBackUntilRead() throws Exception {
        String to = "5511933340001";
        HttpResponse<String> response = send(LocalModeConfig.LOCAL_SANDBOX_TOKEN, text(to, "Olá, Ana!"));

        assertEquals(200, response.statusCode());
        JsonNode accepted = JSON.readTree(response.body());
        assertEquals("whatsapp", accepted.path("messaging_product").asText());
        assertEquals(to, accepted.path("contacts").path(0).path("input").asText());
        assertEquals(to, accepted.path("contacts").path(0).path("wa_id").asText());
        String wamid = accepted.path("messages").path(0).path("id").asText();
        assertTrue(wamid.startsWith("wamid."), wamid);

        Map<String, AttributeValue> item = awaitOutbound(to, wamid, status("read"));
        assertTrue(item.containsKey("sentAt"), item::toString);
        assertTrue(item.containsKey("deliveredAt"), item::toString);
        assertTrue(item.containsKey("readAt"), item::toString);
        assertFalse(item.containsKey("pricingCategory"), "free-form text carries no template pricing");
    }

    @Test
    void aSendToAUserIdIsAnsweredWithItsUserIdAndItsStatusesNameThatUserIdAlone() throws Exception {
        String userId = "US.20261121000000000001";
        ObjectNode body = text(null, "Olá, Dora!");
        body.put("recipient", userId);
        HttpResponse<String> response = send(LocalModeConfig.LOCAL_SANDBOX_TOKEN, body);

        JsonNode contact = JSON.readTree(response.body()).path("contacts").path(0);
        assertEquals(userId, contact.path("input").asText());
        assertEquals(userId, contact.path("user_id").asText());
        assertFalse(contact.has("wa_id"), "wa_id only for a send to a phone: " + contact);

        Map<String, AttributeValue> item = awaitOutbound(userId, wamid(response), status("read"));
        assertTrue(item.containsKey("deliveredAt"), item::toString);
    }

    @Test
    void aSendNamingBothAPhoneAndAUserIdGoesToThePhoneAsAtMeta() throws Exception {
        String to = "5511933340009";
        ObjectNode body = text(to, "Olá!");
        body.put("recipient", "US.20261121000000000002");
        HttpResponse<String> response = send(LocalModeConfig.LOCAL_SANDBOX_TOKEN, body);

        JsonNode contact = JSON.readTree(response.body()).path("contacts").path(0);
        assertEquals(to, contact.path("input").asText());
        assertEquals(to, contact.path("wa_id").asText());
        assertFalse(contact.has("user_id"), "Meta leaves user_id out when to won: " + contact);
        awaitOutbound(to, wamid(response), status("read"));
    }

    @Test
    void everySendGetsItsOwnWamid() throws Exception {
        String first = wamid(send(LocalModeConfig.LOCAL_SANDBOX_TOKEN, text("5511933340002", "one")));
        String second = wamid(send(LocalModeConfig.LOCAL_SANDBOX_TOKEN, text("5511933340002", "two")));
        assertFalse(first.equals(second), first);
    }

    @Test
    void aTemplateSendEchoesItsCallbackDataAndIsPricedAsUtility() throws Exception {
        String to = "5511933340003";
        ObjectNode body = template(to, "order_update", "pt_BR");
        body.put("biz_opaque_callback_data", "campaign-7/ticket-42");
        HttpResponse<String> response = send(LocalModeConfig.LOCAL_SANDBOX_TOKEN, body);
        assertEquals(200, response.statusCode());

        Map<String, AttributeValue> item = awaitOutbound(to, wamid(response), status("read"));
        assertEquals("campaign-7/ticket-42", item.get("callbackData").s());
        assertEquals("utility", item.get("pricingCategory").s());
        assertEquals("regular", item.get("pricingType").s());
        assertEquals("PMP", item.get("pricingModel").s());
        assertTrue(item.get("billable").bool());
    }

    @ParameterizedTest
    @ValueSource(strings = {"131026", "131047", "131049", "131050"})
    void aMagicRecipientIsSentThenFailsWithItsCode(String code) throws Exception {
        String to = "55119" + code;
        HttpResponse<String> response = send(LocalModeConfig.LOCAL_SANDBOX_TOKEN, text(to, "will not arrive"));
        assertEquals(200, response.statusCode(), "Meta accepts first and fails later, on the webhook");

        Map<String, AttributeValue> item = awaitOutbound(to, wamid(response), status("failed"));
        Map<String, AttributeValue> error = item.get("errors").l().get(0).m();
        assertEquals(code, error.get("code").n());
        assertTrue(error.containsKey("title") && error.containsKey("details"), error::toString);
        assertTrue(item.containsKey("sentAt"), item::toString);
        assertFalse(item.containsKey("deliveredAt"), item::toString);
        assertFalse(item.containsKey("readAt"), item::toString);
    }

    @Test
    void aWrongTokenIsRefusedAsMetaRefusesAnInvalidAccessToken() throws Exception {
        HttpResponse<String> response = send("not-the-sandbox-token", text("5511933340004", "hello"));

        assertEquals(401, response.statusCode());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals(190, error.path("code").asInt());
        assertEquals("OAuthException", error.path("type").asText());
        assertFalse(error.path("message").asText().isEmpty());
        assertFalse(error.path("fbtrace_id").asText().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "messaging_product | {\"to\":\"5511933340005\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}",
            "to                | {\"messaging_product\":\"whatsapp\",\"to\":\"+55 11 9333\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}",
            "to                | {\"messaging_product\":\"whatsapp\",\"to\":\"US.20261121000000000003\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}",
            "to                | {\"messaging_product\":\"whatsapp\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}",
            "recipient         | {\"messaging_product\":\"whatsapp\",\"recipient\":\"5511933340005\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}",
            "text.body         | {\"messaging_product\":\"whatsapp\",\"to\":\"5511933340005\",\"type\":\"text\",\"text\":{\"body\":\"\"}}",
            "template.name     | {\"messaging_product\":\"whatsapp\",\"to\":\"5511933340005\",\"type\":\"template\",\"template\":{\"language\":{\"code\":\"pt_BR\"}}}",
            "template.language.code | {\"messaging_product\":\"whatsapp\",\"to\":\"5511933340005\",\"type\":\"template\",\"template\":{\"name\":\"order_update\"}}",
            "type              | {\"messaging_product\":\"whatsapp\",\"to\":\"5511933340005\",\"type\":\"image\",\"image\":{\"id\":\"1\"}}",
            "body              | not json at all"})
    void aMalformedSendIsRefusedNamingTheField(String field, String body) throws Exception {
        HttpResponse<String> response = send(LocalModeConfig.LOCAL_SANDBOX_TOKEN, body);

        assertEquals(400, response.statusCode());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals(100, error.path("code").asInt());
        assertEquals("OAuthException", error.path("type").asText());
        assertTrue(error.path("message").asText().contains(": " + field + " "), error.path("message").asText());
    }

    @Test
    void aRefusedSendFeedsNothingBack() throws Exception {
        String wrongToken = "5511933340006";
        String malformed = "5511933340007";
        String accepted = "5511933340008";
        assertEquals(401, send("not-the-sandbox-token", text(wrongToken, "hello")).statusCode());
        ObjectNode noBody = text(malformed, "hello");
        noBody.remove("text");
        assertEquals(400, send(LocalModeConfig.LOCAL_SANDBOX_TOKEN, noBody).statusCode());

        // statuses are fed in the order they were scheduled, so once a later send is read,
        // anything fed for the refused ones would have arrived before it
        HttpResponse<String> later = send(LocalModeConfig.LOCAL_SANDBOX_TOKEN, text(accepted, "hello"));
        awaitOutbound(accepted, wamid(later), status("read"));

        assertFalse(known(wrongToken));
        assertFalse(known(malformed));
    }

    @Test
    void onlyPostsToMessagesAreServed() throws Exception {
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(config.meta().graphUrl()
                        + "/" + config.meta().apiVersion() + "/" + PHONE_NUMBER_ID + "/media"))
                .header("Authorization", "Bearer " + LocalModeConfig.LOCAL_SANDBOX_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unknown.statusCode());
        assertEquals(2500, JSON.readTree(unknown.body()).path("error").path("code").asInt());

        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(messagesUri())
                .header("Authorization", "Bearer " + LocalModeConfig.LOCAL_SANDBOX_TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, get.statusCode());
        assertEquals(100, JSON.readTree(get.body()).path("error").path("code").asInt());
    }

    private URI messagesUri() {
        return URI.create(config.meta().graphUrl() + "/" + config.meta().apiVersion() + "/" + PHONE_NUMBER_ID + "/messages");
    }

    private HttpResponse<String> send(String token, Object body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(messagesUri())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode text(String to, String body) {
        ObjectNode message = message(to, "text");
        message.putObject("text").put("body", body);
        return message;
    }

    private static ObjectNode template(String to, String name, String language) {
        ObjectNode message = message(to, "template");
        ObjectNode template = message.putObject("template");
        template.put("name", name);
        template.putObject("language").put("code", language);
        template.putArray("components").addObject().put("type", "body")
                .putArray("parameters").addObject().put("type", "text").put("text", "Ana");
        return message;
    }

    /** {@code to} left out when null, for a send to a user id. */
    private static ObjectNode message(String to, String type) {
        ObjectNode message = JSON.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual");
        if (to != null) {
            message.put("to", to);
        }
        return message.put("type", type);
    }

    private static String wamid(HttpResponse<String> accepted) throws Exception {
        assertEquals(200, accepted.statusCode(), accepted.body());
        return JSON.readTree(accepted.body()).path("messages").path(0).path("id").asText();
    }

    private static Predicate<Map<String, AttributeValue>> status(String status) {
        return item -> item.containsKey("status") && status.equals(item.get("status").s());
    }

    /**
     * The outbound message as the sandbox's statuses leave it, in the partition of the contact {@code ref}
     * (a phone number or a user id) names: the first status makes the contact of a customer Janela never saw.
     */
    private Map<String, AttributeValue> awaitOutbound(String ref, String wamid,
            Predicate<Map<String, AttributeValue>> reached) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        Map<String, AttributeValue> item = Map.of();
        while (Instant.now().isBefore(deadline)) {
            Optional<ContactKey> contact = TestContacts.find(dynamo, config.tables().contacts(), ref);
            if (contact.isPresent()) {
                item = dynamo.getItem(request -> request.tableName(config.tables().contacts())
                        .key(TestContacts.itemKey(contact.get(), "OUT#" + wamid)).consistentRead(true)).item();
                if (item != null && reached.test(item)) {
                    return item;
                }
            }
            Thread.sleep(50);
        }
        return fail("the sandbox's statuses did not arrive within " + PATIENCE + "; last seen: " + item);
    }

    /** Whether Janela has heard of {@code waId} at all: a contact is made by the first status naming them. */
    private boolean known(String waId) {
        return TestContacts.find(dynamo, config.tables().contacts(), waId).isPresent();
    }
}
