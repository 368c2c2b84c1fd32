package io.janela.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import io.janela.support.TestContacts;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.domain.window.WindowState;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.EmfCapture;
import io.janela.support.HttpApiEvents;
import io.janela.support.MetaPayloads.Who;
import io.janela.support.MockLambda;
import io.janela.support.WireMockGraph;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The send Lambda driven by HTTP API events through the mock event server, with WireMock as Meta. */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(SendProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class SendFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BIA = "bia@desk.example";
    private static final String MESSAGES = "/v25.0/" + PHONE_NUMBER_ID + "/messages";

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

    @BeforeEach
    void deskAndMeta() {
        meta.resetAll();
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"5511944440001","wa_id":"5511944440001"}],
                 "messages":[{"id":"wamid.HBgNNTUxMTk0NDQ0MDAwMRUCABEYEjQ1"}]}""")));
        directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, true));
        directory.putTemplate(new Template("pedido_atualizado", "pt_BR", Optional.of("UTILITY"), 1, true, Optional.empty()));
        directory.recordTemplateStatus(new TemplateStatusChange("pedido_atualizado", "pt_BR", "APPROVED", null,
                Instant.parse("2026-01-01T00:00:00Z")));
        directory.putActiveMessagePolicy(ActiveMessagePolicy.PERMITTED_AGENTS);
    }

    private void customerWrote(String waId, String wamid, Duration ago) {
        customerWrote(Who.phone(waId), wamid, ago);
    }

    private void customerWrote(Who who, String wamid, Duration ago) {
        Instant sent = Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS);
        ingest.apply(parser.parse(notification().text(who, "Ana", wamid, sent, "Oi").bytes(), Instant.now()));
    }

    /** Meta's answer to a send to a user id: {@code input} echoes it, {@code user_id} instead of {@code wa_id}. */
    private void metaAcceptsASendTo(String userId, String wamid) {
        meta.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.recipient", equalTo(userId)))
                .willReturn(okJson("""
                        {"messaging_product":"whatsapp","contacts":[{"input":"%s","user_id":"%s"}],
                         "messages":[{"id":"%s"}]}""".formatted(userId, userId, wamid))));
    }

    private static String message(String body) {
        return body(postMessages(BIA, body)).path("message").asText();
    }

    private static JsonNode postMessages(String caller, String body) {
        String event = HttpApiEvents.json("POST", "/messages", "/messages", Map.of(), body);
        return MockLambda.invoke(caller == null ? event : HttpApiEvents.withCaller(event, caller));
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError(response.toString(), e);
        }
    }

    @Test
    void anAgentsReplyInsideTheWindowReachesMetaAsDocumented() {
        customerWrote("5511944440001", "wamid.S1", Duration.ofHours(2));

        JsonNode response = postMessages(BIA, """
                {"phoneNumberId":"%s","waId":"5511944440001","text":"Seu pedido saiu para entrega"}""".formatted(PHONE_NUMBER_ID));

        assertEquals(201, response.path("statusCode").asInt(), response.toString());
        JsonNode sent = body(response);
        assertEquals("wamid.HBgNNTUxMTk0NDQ0MDAwMRUCABEYEjQ1", sent.path("wamid").asText());
        assertTrue(sent.path("id").asText().startsWith("m"));
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + WireMockGraph.ACCESS_TOKEN))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511944440001",
                         "type":"text","text":{"body":"Seu pedido saiu para entrega"}}""")));
    }

    @Test
    void noCallerIdentityIsUnauthenticated() {
        JsonNode response = postMessages(null, "{\"phoneNumberId\":\"%s\",\"waId\":\"5511944440002\",\"text\":\"oi\"}"
                .formatted(PHONE_NUMBER_ID));
        assertEquals(401, response.path("statusCode").asInt());
        assertEquals("unauthenticated", body(response).path("error").asText());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void theCustomerIsNamedByExactlyOneOfWaIdAndUserIdEachInMetasOwnForm() {
        JsonNode neither = postMessages(BIA, "{\"phoneNumberId\":\"%s\",\"text\":\"oi\"}".formatted(PHONE_NUMBER_ID));
        assertEquals(400, neither.path("statusCode").asInt());
        assertEquals("invalid_request", body(neither).path("error").asText(), neither.toString());
        assertEquals("the body needs exactly one of waId, userId", body(neither).path("message").asText());
        assertEquals("the body needs exactly one of waId, userId", message("""
                {"phoneNumberId":"%s","waId":"5511944440003","userId":"BR.1087330924463622","text":"oi"}"""
                .formatted(PHONE_NUMBER_ID)));
        assertTrue(message("""
                {"phoneNumberId":"%s","waId":"+55 11 94444-0003","text":"oi"}""".formatted(PHONE_NUMBER_ID))
                .startsWith("waId must be the customer's phone number as Meta writes it"));
        assertTrue(message("""
                {"phoneNumberId":"%s","waId":"BR.1087330924463622","text":"oi"}""".formatted(PHONE_NUMBER_ID))
                .startsWith("waId must be"), "a user id is never read as a phone number");
        assertTrue(message("""
                {"phoneNumberId":"%s","userId":"5511944440003","text":"oi"}""".formatted(PHONE_NUMBER_ID))
                .startsWith("userId must be the customer's business-scoped user id as Meta writes it"),
                "nor a phone number as a user id");
        assertTrue(message("""
                {"phoneNumberId":"%s","userId":"br.1087330924463622","text":"oi"}""".formatted(PHONE_NUMBER_ID))
                .startsWith("userId must be"), "Meta refuses a user id with any part changed");
        assertEquals("userId must be a string", message("""
                {"phoneNumberId":"%s","userId":1087330924463622,"text":"oi"}""".formatted(PHONE_NUMBER_ID)));
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aBadBodyIsAnsweredWithTheFieldToFix() {
        JsonNode both = postMessages(BIA, """
                {"phoneNumberId":"%s","waId":"5511944440003","text":"oi","template":{"name":"x","language":"pt_BR"}}"""
                .formatted(PHONE_NUMBER_ID));
        assertEquals(400, both.path("statusCode").asInt());
        assertEquals("the body needs exactly one of text, template", body(both).path("message").asText());
        JsonNode notJson = postMessages(BIA, "oi");
        assertEquals("the body is not valid JSON", body(notJson).path("message").asText());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aSendByUserIdToACustomerKnownOnlyByItReachesMetaAsARecipientWithoutTo() {
        String dora = "US.13491208655302741918";
        customerWrote(Who.user(dora).username("dora.m"), "wamid.S8", Duration.ofMinutes(10));
        metaAcceptsASendTo(dora, "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA");

        JsonNode response = postMessages(BIA, """
                {"phoneNumberId":"%s","userId":"%s","text":"Oi Dora, já vejo seu pedido"}""".formatted(PHONE_NUMBER_ID, dora));

        assertEquals(201, response.path("statusCode").asInt(), response.toString());
        assertEquals("wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA", body(response).path("wamid").asText());
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","recipient":"US.13491208655302741918",
                 "type":"text","text":{"body":"Oi Dora, já vejo seu pedido"}}""")));
    }

    @Test
    void aSendNamingTheCustomerByUserIdGoesToTheirPhoneWhenJanelaKnowsIt() {
        customerWrote(Who.both("5511944440009", "BR.1087330924463622"), "wamid.S9", Duration.ofMinutes(10));

        JsonNode response = postMessages(BIA, """
                {"phoneNumberId":"%s","userId":"BR.1087330924463622","text":"Oi Eva"}""".formatted(PHONE_NUMBER_ID));

        assertEquals(201, response.path("statusCode").asInt(), response.toString());
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511944440009",
                 "type":"text","text":{"body":"Oi Eva"}}""")));
    }

    @Test
    void anAuthenticationTemplateToACustomerKnownOnlyByUserIdIsRefusedWithPhoneRequired() {
        directory.putTemplate(new Template("codigo_de_acesso", "pt_BR", Optional.of("AUTHENTICATION"), 1, true, Optional.empty()));
        directory.recordTemplateStatus(new TemplateStatusChange("codigo_de_acesso", "pt_BR", "APPROVED", null,
                Instant.parse("2026-01-01T00:00:00Z")));
        String code = """
                {"phoneNumberId":"%s","%s":"%s","template":{"name":"codigo_de_acesso","language":"pt_BR","parameters":["481516"]}}""";

        JsonNode refused = postMessages(BIA, code.formatted(PHONE_NUMBER_ID, "userId", "US.20260000000000000010"));

        assertEquals(422, refused.path("statusCode").asInt(), refused.toString());
        assertEquals("phone_required", body(refused).path("error").asText());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        assertEquals(201, postMessages(BIA, code.formatted(PHONE_NUMBER_ID, "waId", "5511944440010")).path("statusCode").asInt(),
                "to a phone it goes");
    }

    private static JsonNode invoke(String event) {
        return MockLambda.invoke(HttpApiEvents.withCaller(event, BIA));
    }

    @Test
    void aCampaignsJsonAudienceNamesEachRecipientByWaIdOrUserIdAndItsReportShowsWhich() {
        String campaign = """
                {"phoneNumberId":"%s","template":{"name":"pedido_atualizado","language":"pt_BR"},"audience":[%s]}""";
        JsonNode neither = invoke(HttpApiEvents.json("POST", "/campaigns", "/campaigns", Map.of(), campaign.formatted(
                PHONE_NUMBER_ID, "{\"userId\":\"US.20260000000000000011\",\"parameters\":[\"Dora\"]},{\"parameters\":[\"Ana\"]}")));
        assertEquals(400, neither.path("statusCode").asInt(), neither.toString());
        assertEquals("audience[1] needs exactly one of waId, userId", body(neither).path("message").asText());

        JsonNode created = invoke(HttpApiEvents.json("POST", "/campaigns", "/campaigns", Map.of(), campaign.formatted(
                PHONE_NUMBER_ID, """
                        {"userId":"US.20260000000000000011","parameters":["Dora"]},
                        {"waId":"+55 11 94444-0012","parameters":["Ana"]},
                        {"userId":"5511944440013","parameters":["Bruno"]}""")));

        assertEquals(202, created.path("statusCode").asInt(), created.toString());
        assertEquals(2, body(created).path("counts").path("pending").asInt());
        assertEquals(1, body(created).path("counts").path("skipped").path("invalid_user_id").asInt());
        String id = body(created).path("id").asText();
        JsonNode rows = body(invoke(HttpApiEvents.get("/campaigns/{id}", "/campaigns/" + id, Map.of(), Map.of("id", id))))
                .path("recipients");
        assertEquals("US.20260000000000000011", rows.get(0).path("userId").asText());
        assertTrue(rows.get(0).path("phone").isNull() && rows.get(0).path("waId").isNull(), rows.get(0).toString());
        assertEquals("+55 11 94444-0012", rows.get(1).path("phone").asText());
        assertEquals("5511944440012", rows.get(1).path("waId").asText());
        assertTrue(rows.get(1).path("userId").isNull(), rows.get(1).toString());
        assertEquals("5511944440013", rows.get(2).path("userId").asText(), "shown as written");
        assertEquals("invalid_user_id", rows.get(2).path("skipReason").asText());
    }

    @Test
    void freeFormAfterTheWindowIsRefusedWithAStableCodeAndNothingReachesMeta() {
        customerWrote("5511944440004", "wamid.S4", Duration.ofHours(25));
        JsonNode response = postMessages(BIA, "{\"phoneNumberId\":\"%s\",\"waId\":\"5511944440004\",\"text\":\"oi\"}"
                .formatted(PHONE_NUMBER_ID));
        assertEquals(409, response.path("statusCode").asInt());
        assertEquals("window_closed", body(response).path("error").asText());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    /**
     * Each send writes one line of CloudWatch's embedded metric format: its outcome, and for a refusal
     * by the guard its code as well; a request refused before the guard (a bad body) counts nothing.
     */
    @Test
    void eachSendIsCountedByItsOutcomeAndEachRefusalByItsCode() throws Exception {
        customerWrote("5511944440011", "wamid.S11", Duration.ofHours(2));
        customerWrote("5511944440012", "wamid.S12", Duration.ofHours(25));
        String sends = """
                {"_aws":{"Timestamp":%d,"CloudWatchMetrics":[
                  {"Namespace":"Janela","Dimensions":[["Function","Outcome"]],"Metrics":[{"Name":"Sends","Unit":"Count"}]}%s]},
                 "Function":"send","Outcome":"%s"%s,"Sends":1%s}""";
        String refusals = """
                ,{"Namespace":"Janela","Dimensions":[["Function","Code"]],"Metrics":[{"Name":"GuardRefusals","Unit":"Count"}]}""";
        long before = System.currentTimeMillis();
        List<JsonNode> lines;
        try (EmfCapture stdout = EmfCapture.start()) {
            assertEquals(201, postMessages(BIA, "{\"phoneNumberId\":\"%s\",\"waId\":\"5511944440011\",\"text\":\"oi\"}"
                    .formatted(PHONE_NUMBER_ID)).path("statusCode").asInt());
            assertEquals(409, postMessages(BIA, "{\"phoneNumberId\":\"%s\",\"waId\":\"5511944440012\",\"text\":\"oi\"}"
                    .formatted(PHONE_NUMBER_ID)).path("statusCode").asInt());
            assertEquals(400, postMessages(BIA, "{\"phoneNumberId\":\"%s\",\"waId\":\"5511944440012\"}"
                    .formatted(PHONE_NUMBER_ID)).path("statusCode").asInt());
            lines = stdout.records();
        }
        long after = System.currentTimeMillis();

        assertEquals(2, lines.size(), lines.toString());
        long sentAt = lines.get(0).path("_aws").path("Timestamp").asLong();
        long refusedAt = lines.get(1).path("_aws").path("Timestamp").asLong();
        assertTrue(before <= sentAt && sentAt <= refusedAt && refusedAt <= after, before + " " + sentAt + " " + refusedAt + " " + after);
        assertEquals(JSON.readTree(sends.formatted(sentAt, "", "sent", "", "")), lines.get(0));
        assertEquals(JSON.readTree(sends.formatted(refusedAt, refusals, "refused", ",\"Code\":\"window_closed\"",
                ",\"GuardRefusals\":1")), lines.get(1));
    }

    /** Someone who is not an agent is refused as on every route, and their attempt counted under its own outcome. */
    @Test
    void aSendBySomeoneWhoIsNoAgentIsCountedAsSuch() throws Exception {
        JsonNode response;
        List<JsonNode> lines;
        try (EmfCapture stdout = EmfCapture.start()) {
            response = postMessages("intruso@else.example", "{\"phoneNumberId\":\"%s\",\"waId\":\"5511944440014\",\"text\":\"oi\"}"
                    .formatted(PHONE_NUMBER_ID));
            lines = stdout.records();
        }

        assertEquals(403, response.path("statusCode").asInt());
        assertEquals("intruso@else.example is not an agent of this desk", body(response).path("message").asText());
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("not_an_agent", lines.get(0).path("Outcome").asText(), lines.toString());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void anActiveMessageWithReplyRoutingGoesOutAsATemplate() {
        JsonNode response = postMessages(BIA, """
                {"phoneNumberId":"%s","waId":"5511944440005",
                 "template":{"name":"pedido_atualizado","language":"pt_BR","parameters":["Ana"]},
                 "replyRouting":{"department":"billing"}}""".formatted(PHONE_NUMBER_ID));

        assertEquals(201, response.path("statusCode").asInt(), response.toString());
        assertTrue(body(response).path("activeMessage").asBoolean());
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511944440005","type":"template",
                 "template":{"name":"pedido_atualizado","language":{"code":"pt_BR"},
                             "components":[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]}}""")));
        assertEquals("billing", contacts.findContact(TestContacts.key("5511944440005"))
                .orElseThrow().replyRule().orElseThrow().route().target());
    }

    @Test
    void aSendMetaRefusesWithOutsideTheWindowNamesTheCodeAndClosesTheWindow() {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
                .withHeader("content-type", "application/json").withBody("""
                        {"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,
                         "error_data":{"messaging_product":"whatsapp",
                         "details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
                         "fbtrace_id":"AbCdEfGh123"}}""")));
        customerWrote("5511944440006", "wamid.S6", Duration.ofHours(23));

        JsonNode response = postMessages(BIA, "{\"phoneNumberId\":\"%s\",\"waId\":\"5511944440006\",\"text\":\"oi\"}"
                .formatted(PHONE_NUMBER_ID));

        assertEquals(422, response.path("statusCode").asInt());
        JsonNode refused = body(response);
        assertEquals("meta_rejected", refused.path("error").asText());
        assertEquals(131047, refused.path("metaError").path("code").asInt());
        assertTrue(refused.path("message").asText().contains("131047"));
        var ana = contacts.findContact(TestContacts.key("5511944440006")).orElseThrow();
        assertEquals(WindowState.EXPIRED, ana.window().stateAt(Instant.now(), Duration.ofMinutes(30)));
    }

    @Test
    void aCallerWhoIsNoAgentIsForbidden() {
        JsonNode response = postMessages("intruso@else.example",
                "{\"phoneNumberId\":\"%s\",\"waId\":\"5511944440007\",\"text\":\"oi\"}".formatted(PHONE_NUMBER_ID));
        assertEquals(403, response.path("statusCode").asInt());
        assertEquals("not_an_agent", body(response).path("error").asText());
    }
}
