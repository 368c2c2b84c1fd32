package io.janela.functions;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.adapters.dynamodb.DynamoDirectoryStore;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.routing.ReplyRule;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MetaPayloads;
import io.janela.support.MockLambda;
import io.janela.support.TestContacts;
import io.janela.support.TestDynamo;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The desk's directory routes: agents, templates and the active-message policy, and what the contact view shows. */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class DirectoryAdminRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin@loja.com.br";

    @Inject
    DirectoryStore directory;
    @Inject
    ContactStore contacts;
    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;

    private static JsonNode putAgent(String email, String body) {
        return MockLambda.invoke(HttpApiEvents.asAdministrator(
                HttpApiEvents.put("/agents/{email}", "/agents/" + email, Map.of("email", email), body, ADMIN)));
    }

    private static JsonNode putTemplate(String name, String language, String body) {
        return MockLambda.invoke(HttpApiEvents.asAdministrator(HttpApiEvents.put("/templates/{name}/{language}",
                "/templates/" + name + "/" + language, Map.of("name", name, "language", language), body, ADMIN)));
    }

    private static JsonNode putSettings(String body) {
        return MockLambda.invoke(HttpApiEvents.asAdministrator(HttpApiEvents.put("/settings", "/settings", Map.of(), body, ADMIN)));
    }

    private static JsonNode getContact(String waId) {
        return MockLambda.invoke(HttpApiEvents.get("/numbers/{phoneNumberId}/contacts/{ref}",
                "/numbers/" + PHONE_NUMBER_ID + "/contacts/" + waId, Map.of(),
                Map.of("phoneNumberId", PHONE_NUMBER_ID, "ref", waId)));
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + response, e);
        }
    }

    /** A 400 {@code invalid_request} whose sentence names what to fix. */
    private static void assertInvalid(JsonNode response, String field) {
        assertEquals(400, response.path("statusCode").asInt(), response.toString());
        JsonNode error = body(response);
        assertEquals("invalid_request", error.path("error").asText());
        assertTrue(error.path("message").asText().contains(field), "the message names " + field + ": " + error);
    }

    private void deliver(MetaPayloads payload) {
        ingest.apply(parser.parse(payload.bytes(), Instant.now()));
    }

    // PUT /agents/{email}

    @Test
    void anAgentIsStoredWithItsNameAndPermissionAndStartsOffline() {
        JsonNode response = putAgent("carla.mendes@loja.com.br", "{\"name\":\"Carla Mendes\",\"canSendActiveMessages\":true}");

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        assertEquals("carla.mendes@loja.com.br", body(response).path("email").asText());
        assertEquals("OFFLINE", body(response).path("status").asText());
        assertEquals(Optional.of(new Agent("carla.mendes@loja.com.br", "Carla Mendes", AgentStatus.OFFLINE, true)),
                directory.findAgent("carla.mendes@loja.com.br"));
    }

    @Test
    void anAgentsPermissionDefaultsToOff() {
        assertEquals(200, putAgent("diego@loja.com.br", "{\"name\":\"Diego\"}").path("statusCode").asInt());

        assertEquals(Optional.of(new Agent("diego@loja.com.br", "Diego", AgentStatus.OFFLINE, false)),
                directory.findAgent("diego@loja.com.br"));
    }

    @Test
    void anAgentsEmailIsStoredLowerCasedAndFoundHoweverTheIdentityProviderSpellsIt() {
        JsonNode response = putAgent("Elisa.Prado@Loja.COM.br", "{\"name\":\"Elisa Prado\"}");

        assertEquals("elisa.prado@loja.com.br", body(response).path("email").asText());
        assertEquals("elisa.prado@loja.com.br", directory.findAgent("elisa.prado@loja.com.br").orElseThrow().email());
        assertEquals(directory.findAgent("elisa.prado@loja.com.br"), directory.findAgent("Elisa.Prado@Loja.COM.br"),
                "a JWT email claim with capitals finds the same agent");
    }

    @Test
    void aPutReplacesNameAndPermissionAndKeepsTheStatusTheAgentSet() {
        putAgent("fabio@loja.com.br", "{\"name\":\"Fábio\",\"canSendActiveMessages\":true}");
        JsonNode online = MockLambda.invoke(HttpApiEvents.put("/agents/{email}/status", "/agents/fabio@loja.com.br/status",
                Map.of("email", "fabio@loja.com.br"), "{\"status\":\"ONLINE\"}", "fabio@loja.com.br"));
        assertEquals(200, online.path("statusCode").asInt(), online.toString());

        JsonNode response = putAgent("fabio@loja.com.br", "{\"name\":\"Fábio Lima\"}");

        assertEquals("ONLINE", body(response).path("status").asText());
        assertEquals(Optional.of(new Agent("fabio@loja.com.br", "Fábio Lima", AgentStatus.ONLINE, false)),
                directory.findAgent("fabio@loja.com.br"));
    }

    @Test
    void aBadAgentIsRefusedNamingTheFieldAndNothingIsStored() {
        assertInvalid(putAgent("not-an-email", "{\"name\":\"Gabi\"}"), "e-mail");
        assertInvalid(putAgent("gabi@loja.com.br", "{\"canSendActiveMessages\":true}"), "name");
        assertInvalid(putAgent("gabi@loja.com.br", "{\"name\":\"  \"}"), "name");
        assertInvalid(putAgent("gabi@loja.com.br", "{\"name\":\"Gabi\",\"canSendActiveMessages\":1}"), "canSendActiveMessages");
        // departments name their agents, and the status is the agent's own route
        assertInvalid(putAgent("gabi@loja.com.br", "{\"name\":\"Gabi\",\"departments\":[\"billing\"]}"), "departments");
        assertInvalid(putAgent("gabi@loja.com.br", "{\"name\":\"Gabi\",\"online\":true}"), "status");
        assertInvalid(putAgent("gabi@loja.com.br", "{\"name\":\"Gabi\",\"status\":\"ONLINE\"}"), "status");
        assertInvalid(putAgent("gabi@loja.com.br", "[\"Gabi\"]"), "JSON object");
        assertEquals(Optional.empty(), directory.findAgent("gabi@loja.com.br"));
        assertEquals(Optional.empty(), directory.findAgent("not-an-email"));
    }

    @Test
    void aRefusedPutLeavesTheStoredAgentAsItWas() {
        putAgent("helena@loja.com.br", "{\"name\":\"Helena\",\"canSendActiveMessages\":true}");
        Optional<Agent> before = directory.findAgent("helena@loja.com.br");

        assertInvalid(putAgent("helena@loja.com.br", "{\"name\":\"Helena Dias\",\"canSendActiveMessages\":\"no\"}"),
                "canSendActiveMessages");

        assertEquals(before, directory.findAgent("helena@loja.com.br"));
    }

    // PUT /templates/{name}/{language}

    @Test
    void aTemplateIsStoredWithItsCategoryParameterCountAndStatus() {
        JsonNode response = putTemplate("order_delivered", "pt_BR",
                "{\"category\":\"utility\",\"parameterCount\":2,\"enabled\":true,\"status\":\"APPROVED\"}");

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        assertTrue(body(response).path("sendable").asBoolean(false));
        assertEquals(Optional.of(new Template("order_delivered", "pt_BR", Optional.of("UTILITY"), 2, true, Optional.of("APPROVED"))),
                directory.findTemplate("order_delivered", "pt_BR"));
    }

    @Test
    void aTemplateWithoutAStatusWaitsForMetasReview() {
        putTemplate("cart_reminder", "en", "{\"category\":\"MARKETING\",\"parameterCount\":0,\"enabled\":true}");

        Template template = directory.findTemplate("cart_reminder", "en").orElseThrow();
        assertEquals(Optional.empty(), template.status());
        assertFalse(template.sendable());

        deliver(notification().templateStatus("cart_reminder", "en", "APPROVED", null, Instant.now()));
        assertTrue(directory.findTemplate("cart_reminder", "en").orElseThrow().sendable());
    }

    @Test
    void metasLaterReviewChangesTheStatusAndADeskPutWithoutStatusKeepsIt() {
        putTemplate("black_friday", "pt_BR",
                "{\"category\":\"MARKETING\",\"parameterCount\":1,\"enabled\":true,\"status\":\"APPROVED\"}");
        assertTrue(directory.findTemplate("black_friday", "pt_BR").orElseThrow().sendable());

        deliver(notification().templateStatus("black_friday", "pt_BR", "PAUSED", "Low quality",
                Instant.now().plusSeconds(1)));

        Template paused = directory.findTemplate("black_friday", "pt_BR").orElseThrow();
        assertEquals(Optional.of("PAUSED"), paused.status());
        assertFalse(paused.sendable());

        JsonNode response = putTemplate("black_friday", "pt_BR", "{\"category\":\"MARKETING\",\"parameterCount\":2,\"enabled\":true}");
        assertEquals("PAUSED", body(response).path("status").asText());
        assertFalse(body(response).path("sendable").asBoolean(true));
        assertEquals(2, directory.findTemplate("black_friday", "pt_BR").orElseThrow().parameterCount());
    }

    @Test
    void aDisabledTemplateIsNotSendableEvenWhenApproved() {
        putTemplate("welcome_back", "es", "{\"parameterCount\":0,\"enabled\":false,\"status\":\"APPROVED\"}");

        Template template = directory.findTemplate("welcome_back", "es").orElseThrow();
        assertTrue(template.approved());
        assertFalse(template.sendable());
    }

    @Test
    void aBadTemplateIsRefusedNamingTheFieldAndNothingIsStored() {
        assertInvalid(putTemplate("refund_issued", "pt_BR", "{\"category\":\"PROMOTIONAL\",\"parameterCount\":1,\"enabled\":true}"),
                "category");
        assertInvalid(putTemplate("refund_issued", "pt_BR", "{\"category\":\"UTILITY\",\"parameterCount\":-1,\"enabled\":true}"),
                "parameterCount");
        assertInvalid(putTemplate("refund_issued", "pt_BR", "{\"category\":\"UTILITY\",\"parameterCount\":1.5,\"enabled\":true}"),
                "parameterCount");
        assertInvalid(putTemplate("refund_issued", "pt_BR", "{\"category\":\"UTILITY\",\"enabled\":true}"), "parameterCount");
        assertInvalid(putTemplate("refund_issued", "portuguese", "{\"category\":\"UTILITY\",\"parameterCount\":1,\"enabled\":true}"),
                "language");
        assertInvalid(putTemplate("refund_issued", "pt_BR", "{\"category\":\"UTILITY\",\"parameterCount\":1}"), "enabled");
        assertInvalid(putTemplate("refund_issued", "pt_BR", "{\"category\":\"UTILITY\",\"parameterCount\":1,\"enabled\":\"true\"}"),
                "enabled");
        assertInvalid(putTemplate("Refund Issued", "pt_BR", "{\"category\":\"UTILITY\",\"parameterCount\":1,\"enabled\":true}"),
                "name");
        assertEquals(Optional.empty(), directory.findTemplate("refund_issued", "pt_BR"));
        assertEquals(Optional.empty(), directory.findTemplate("refund_issued", "portuguese"));
    }

    // PUT /settings

    @Test
    void theActiveMessagePolicyIsSetAndAnUnknownValueLeavesItUnchanged() {
        JsonNode allowed = putSettings("{\"activeMessages\":\"ALLOWED\"}");
        assertEquals(200, allowed.path("statusCode").asInt(), allowed.toString());
        assertEquals("ALLOWED", body(allowed).path("activeMessages").asText());
        assertEquals(ActiveMessagePolicy.ALLOWED, directory.activeMessagePolicy());

        assertEquals(200, putSettings("{\"activeMessages\":\"BLOCKED\"}").path("statusCode").asInt());
        assertEquals(ActiveMessagePolicy.BLOCKED, directory.activeMessagePolicy());

        assertInvalid(putSettings("{\"activeMessages\":\"SOMETIMES\"}"), "activeMessages");
        assertInvalid(putSettings("{\"activeMessages\":\"allowed\"}"), "activeMessages");
        assertInvalid(putSettings("{\"activeMessages\":true}"), "activeMessages");
        assertInvalid(putSettings("{}"), "activeMessages");
        assertEquals(ActiveMessagePolicy.BLOCKED, directory.activeMessagePolicy());

        assertEquals(200, putSettings("{\"activeMessages\":\"PERMITTED_AGENTS\"}").path("statusCode").asInt());
        assertEquals(ActiveMessagePolicy.PERMITTED_AGENTS, directory.activeMessagePolicy());
    }

    @Test
    void aDeskThatNeverSetItsPolicyAllowsOnlyPermittedAgents() {
        // the app's tables are shared with other desk tests: the default is read on tables of its own
        TestDynamo.Tables fresh = TestDynamo.freshTables();
        try (DynamoDbClient dynamo = TestDynamo.client()) {
            assertEquals(ActiveMessagePolicy.PERMITTED_AGENTS,
                    new DynamoDirectoryStore(dynamo, fresh.directory()).activeMessagePolicy());
        }
    }

    // GET /numbers/{phoneNumberId}/contacts/{ref}: what the webhook learned from Meta's failures

    @Test
    void theContactViewShowsUndeliverableTheLivePauseAndTheLiveReplyRule() {
        String ana = "5511944440001";
        ContactKey anaKey = TestContacts.key(ana);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        deliver(notification().text(ana, "Ana", "wamid.DV1", now.minus(Duration.ofHours(48)), "Oi"));
        deliver(notification()
                .failed(ana, "wamid.DVO1", now.minusSeconds(10), 131026, "Message undeliverable", "Unable to deliver message.")
                .failed(ana, "wamid.DVO2", now.minusSeconds(3), 131056, "Pair rate limit hit", "Too many messages.")
                .failed(ana, "wamid.DVO3", now.minusSeconds(2), 131056, "Pair rate limit hit", "Too many messages.")
                .failed(ana, "wamid.DVO4", now.minusSeconds(1), 131056, "Pair rate limit hit", "Too many messages."));
        contacts.recordReplyRule(anaKey, new ReplyRule(new ReplyRoute.ToDepartment("billing"), now.minus(Duration.ofHours(1)),
                "carla@loja.com.br"));

        JsonNode response = getContact(ana);
        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        JsonNode view = body(response);
        assertTrue(view.path("undeliverable").asBoolean(false));
        assertEquals(now.minusSeconds(1).plusSeconds(64), Instant.parse(view.path("sendBackoffUntil").asText()),
                "the third hit in a row pauses 4^3 seconds");
        JsonNode rule = view.path("replyRule");
        assertEquals("department", rule.path("kind").asText());
        assertEquals("billing", rule.path("target").asText());
        assertEquals("carla@loja.com.br", rule.path("sentBy").asText());
        assertEquals(now.minus(Duration.ofHours(1)), Instant.parse(rule.path("sentAt").asText()));
        assertEquals(now.plus(Duration.ofHours(23)), Instant.parse(rule.path("expiresAt").asText()));
    }

    @Test
    void aPauseThatEndedAndAReplyRuleOlderThanADayAreNotShown() {
        String bruno = "5511944440002";
        ContactKey brunoKey = TestContacts.key(bruno);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        deliver(notification().text(bruno, "Bruno", "wamid.DV2", now.minus(Duration.ofHours(48)), "Oi"));
        deliver(notification().failed(bruno, "wamid.DVO5", now.minus(Duration.ofHours(1)), 131056, "Pair rate limit hit",
                "Too many messages."));
        contacts.recordReplyRule(brunoKey, new ReplyRule(new ReplyRoute.ToFlow("nps_survey"), now.minus(Duration.ofHours(25)),
                "carla@loja.com.br"));

        JsonNode view = body(getContact(bruno));

        assertFalse(view.path("undeliverable").asBoolean(true));
        assertTrue(view.path("sendBackoffUntil").isNull(), view.toString());
        assertTrue(view.path("replyRule").isNull(), view.toString());
        assertTrue(contacts.findContact(brunoKey).orElseThrow().replyRule().isPresent(),
                "the rule is still stored: its age alone hides it, not the table's TTL");
    }
}
