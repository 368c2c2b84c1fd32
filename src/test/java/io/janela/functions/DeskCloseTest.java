package io.janela.functions;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MetaPayloads.Who;
import io.janela.support.MockLambda;
import io.janela.support.TableSnapshot;
import io.janela.support.TestContacts;
import io.janela.support.WireMockGraph;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The desk's close routes, {@code POST /tickets/{id}/close} and
 * {@code DELETE /tickets/{id}/scheduled-close}, driven by HTTP API events through the mock event
 * server, with tickets opened by Meta's webhook payloads and WireMock as Meta for closing messages.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class DeskCloseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BIA = "bia@desk.example";
    private static final String MESSAGES = "/v25.0/" + PHONE_NUMBER_ID + "/messages";
    private static final String WAMID = "wamid.HBgNNTUxMTk2NjY2MDAwMhUCABEYEjQ1";

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
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    @BeforeEach
    void deskAndMeta() {
        meta.resetAll();
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"5511966660002","wa_id":"5511966660002"}],
                 "messages":[{"id":"%s"}]}""".formatted(WAMID))));
        directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, false));
    }

    /** The customer's message as Meta delivers it; answers the id of the ticket it opened. */
    private String customerWrote(String waId, String wamid, Duration ago) {
        Instant sent = Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS);
        ingest.apply(parser.parse(notification().text(waId, "Ana", wamid, sent, "Oi").bytes(), Instant.now()));
        return contacts.findContact(TestContacts.key(waId)).orElseThrow().openTicket().orElseThrow().id().value();
    }

    private static JsonNode close(String caller, String id, String body) {
        String event = body == null
                ? HttpApiEvents.event("POST", "/tickets/{id}/close", "/tickets/" + id + "/close", Map.of(), Map.of(),
                        Map.of("id", id), null, false)
                : HttpApiEvents.json("POST", "/tickets/{id}/close", "/tickets/" + id + "/close", Map.of("id", id), body);
        return MockLambda.invoke(caller == null ? event : HttpApiEvents.withCaller(event, caller));
    }

    private static JsonNode cancel(String caller, String id) {
        String event = HttpApiEvents.event("DELETE", "/tickets/{id}/scheduled-close", "/tickets/" + id + "/scheduled-close",
                Map.of(), Map.of(), Map.of("id", id), null, false);
        return MockLambda.invoke(caller == null ? event : HttpApiEvents.withCaller(event, caller));
    }

    private static JsonNode getTicket(String id) {
        return MockLambda.invoke(HttpApiEvents.get("/tickets/{id}", "/tickets/" + id, Map.of(), Map.of("id", id)));
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + response, e);
        }
    }

    private static void assertError(int status, String error, JsonNode response) {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertEquals(error, body(response).path("error").asText(), response.toString());
    }

    /** A 400 {@code invalid_request} whose sentence names what to fix. */
    private static void assertInvalid(JsonNode response, String field) {
        assertError(400, "invalid_request", response);
        String message = body(response).path("message").asText();
        assertTrue(message.contains(field), "the message names " + field + ": " + message);
    }

    /** Both tables, item by item. */
    private List<List<String>> tables() {
        return List.of(TableSnapshot.of(dynamo, config.tables().contacts()), TableSnapshot.of(dynamo, config.tables().directory()));
    }

    private Ticket stored(String id) {
        return contacts.findTicket(new TicketId(id)).orElseThrow();
    }

    private static String at(Instant instant) {
        return "{\"at\":\"" + instant + "\"}";
    }

    @Test
    void anAgentClosesATicketNowAndTheTicketSaysWhoAndWhy() {
        String id = customerWrote("5511966660001", "wamid.C1", Duration.ofHours(2));

        JsonNode response = close(BIA, id, null);

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        JsonNode ticket = body(response);
        assertEquals(id, ticket.path("id").asText());
        assertEquals("CLOSED", ticket.path("status").asText());
        JsonNode closing = ticket.path("closing");
        assertEquals("AGENT", closing.path("reason").asText(), ticket.toString());
        assertEquals(BIA, closing.path("by").asText());
        assertEquals("OPEN", closing.path("windowState").asText());
        assertEquals("NONE", closing.path("message").asText());
        assertTrue(ticket.path("scheduledClose").isNull(), ticket.toString());
        assertEquals(closing, body(getTicket(id)).path("closing"), "the ticket reads back as it was answered");
        assertEquals(TicketStatus.CLOSED, stored(id).status());
        assertTrue(contacts.findContact(TestContacts.key("5511966660001")).orElseThrow().openTicket().isEmpty());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aClosingMessageGoesToTheCustomerAsFreeFormWhileTheWindowIsOpen() {
        String id = customerWrote("5511966660002", "wamid.C2", Duration.ofHours(3));

        JsonNode response = close(BIA, id, "{\"message\":\"Obrigado pelo contato, Ana!\"}");

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        JsonNode closing = body(response).path("closing");
        assertEquals("AGENT", closing.path("reason").asText());
        assertEquals("SENT", closing.path("message").asText(), closing.toString());
        assertEquals(WAMID, closing.path("messageDetail").asText());
        assertEquals(closing, body(getTicket(id)).path("closing"));
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + WireMockGraph.ACCESS_TOKEN))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511966660002",
                         "type":"text","text":{"body":"Obrigado pelo contato, Ana!"}}""")));
        Map<String, AttributeValue> sent = dynamo.getItem(request -> request.tableName(config.tables().contacts())
                .consistentRead(true).key(Map.of(
                        "pk", AttributeValue.fromS("C#" + TestContacts.key("5511966660002").id()),
                        "sk", AttributeValue.fromS("OUT#" + WAMID)))).item();
        assertEquals(BIA, sent.get("sentBy").s(), "the closing message is recorded as the agent's: " + sent);
    }

    @Test
    void aClosingMessageReachesACustomerKnownOnlyByUserIdAsTheRecipient() {
        String user = "BR.2291000000000000201";
        Instant sent = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        ingest.apply(parser.parse(notification().text(Who.user(user).username("dora.dev"), "Dora", "wamid.C20", sent, "Oi")
                .bytes(), Instant.now()));
        String id = contacts.findContact(TestContacts.key(user)).orElseThrow().openTicket().orElseThrow().id().value();

        JsonNode response = close(BIA, id, "{\"message\":\"Obrigado, Dora!\"}");

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        assertEquals("SENT", body(response).path("closing").path("message").asText(), response.toString());
        assertEquals(user, body(response).path("contact").path("userId").asText());
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","recipient":"%s",
                 "type":"text","text":{"body":"Obrigado, Dora!"}}""".formatted(user))));
    }

    @Test
    void aClosingMessageIsNotSentOnceTheWindowHasEnded() {
        String id = customerWrote("5511966660003", "wamid.C3", Duration.ofHours(25));

        JsonNode response = close(BIA, id, "{\"message\":\"Obrigado pelo contato!\"}");

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        JsonNode closing = body(response).path("closing");
        assertEquals("EXPIRED", closing.path("windowState").asText());
        assertEquals("WINDOW_CLOSED", closing.path("message").asText(), closing.toString());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        assertEquals(TicketStatus.CLOSED, stored(id).status());
    }

    @Test
    void aCloseAtALaterTimeIsScheduledAndShownOnTheTicket() {
        String id = customerWrote("5511966660004", "wamid.C4", Duration.ofHours(1));
        Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

        JsonNode response = close(BIA, id, """
                {"at":"%s","cancelOnReply":false,"message":"Encerrando conforme combinado."}"""
                .formatted(at.atOffset(ZoneOffset.ofHours(-3))));

        assertEquals(202, response.path("statusCode").asInt(), response.toString());
        JsonNode ticket = body(response);
        assertEquals("WAITING", ticket.path("status").asText(), "the ticket stays open until then");
        assertTrue(ticket.path("closing").isNull(), ticket.toString());
        JsonNode scheduled = ticket.path("scheduledClose");
        assertEquals(at, Instant.parse(scheduled.path("at").asText()), scheduled.toString());
        assertFalse(scheduled.path("cancelOnReply").asBoolean(true));
        assertEquals("Encerrando conforme combinado.", scheduled.path("message").asText());
        assertEquals(BIA, scheduled.path("requestedBy").asText());
        assertEquals(scheduled, body(getTicket(id)).path("scheduledClose"));

        JsonNode replaced = close(BIA, id, at(at.plus(Duration.ofMinutes(30))));

        assertEquals(202, replaced.path("statusCode").asInt(), replaced.toString());
        JsonNode now = body(getTicket(id)).path("scheduledClose");
        assertEquals(at.plus(Duration.ofMinutes(30)), Instant.parse(now.path("at").asText()), now.toString());
        assertTrue(now.path("cancelOnReply").asBoolean(false), "a customer reply cancels a close unless told otherwise");
        assertTrue(now.path("message").isNull(), now.toString());
        assertTrue(stored(id).isOpen());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aScheduledCloseIsCancelledOnceAndThenThereIsNoneToCancel() {
        String id = customerWrote("5511966660005", "wamid.C5", Duration.ofHours(1));
        assertEquals(202, close(BIA, id, at(Instant.now().plus(Duration.ofHours(3)))).path("statusCode").asInt());

        JsonNode cancelled = cancel(BIA, id);

        assertEquals(200, cancelled.path("statusCode").asInt(), cancelled.toString());
        assertTrue(body(cancelled).path("scheduledClose").isNull(), cancelled.toString());
        assertEquals("WAITING", body(cancelled).path("status").asText());
        assertTrue(body(getTicket(id)).path("scheduledClose").isNull());
        assertTrue(stored(id).scheduledClose().isEmpty());

        List<List<String>> before = tables();
        JsonNode again = cancel(BIA, id);

        assertError(404, "no_scheduled_close", again);
        assertEquals(before, tables());
    }

    @Test
    void withoutACallerNothingIsClosedOrCancelled() {
        String id = customerWrote("5511966660006", "wamid.C6", Duration.ofHours(1));
        assertEquals(202, close(BIA, id, at(Instant.now().plus(Duration.ofHours(1)))).path("statusCode").asInt());
        List<List<String>> before = tables();

        assertError(401, "unauthenticated", close(null, id, null));
        assertError(401, "unauthenticated", close(null, id, at(Instant.now().plus(Duration.ofHours(2)))));
        assertError(401, "unauthenticated", cancel(null, id));

        assertEquals(before, tables());
    }

    @Test
    void aCallerWhoIsNotAnAgentIsForbidden() {
        String id = customerWrote("5511966660007", "wamid.C7", Duration.ofHours(1));
        assertEquals(202, close(BIA, id, at(Instant.now().plus(Duration.ofHours(1)))).path("statusCode").asInt());
        List<List<String>> before = tables();

        assertError(403, "not_an_agent", close("visitante@example.com", id, null));
        assertError(403, "not_an_agent", close("visitante@example.com", id, "{\"message\":\"Tchau\"}"));
        assertError(403, "not_an_agent", cancel("visitante@example.com", id));

        assertEquals(before, tables());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void anUnknownTicketIs404() {
        customerWrote("5511966660008", "wamid.C8", Duration.ofHours(1));
        List<List<String>> before = tables();

        for (String id : List.of("t0000000000000000000000000000000000", "not-a-ticket")) {
            assertError(404, "unknown_ticket", close(BIA, id, null));
            assertError(404, "unknown_ticket", close(BIA, id, at(Instant.now().plus(Duration.ofHours(1)))));
            assertError(404, "unknown_ticket", cancel(BIA, id));
        }

        assertEquals(before, tables());
    }

    @Test
    void aClosedTicketIsAConflictAndStaysAsItWasClosed() {
        String id = customerWrote("5511966660009", "wamid.C9", Duration.ofHours(1));
        assertEquals(200, close(BIA, id, null).path("statusCode").asInt());
        List<List<String>> before = tables();

        assertError(409, "ticket_closed", close(BIA, id, null));
        assertError(409, "ticket_closed", close(BIA, id, "{\"message\":\"De novo\"}"));
        assertError(409, "ticket_closed", close(BIA, id, at(Instant.now().plus(Duration.ofHours(1)))));
        assertError(409, "ticket_closed", cancel(BIA, id));

        assertEquals(before, tables());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aBadCloseIsRefusedNamingWhatToFixAndChangesNothing() {
        String id = customerWrote("5511966660010", "wamid.C10", Duration.ofHours(20));
        Instant windowEnds = stored(id).lastInboundAt().plus(Duration.ofHours(24));
        List<List<String>> before = tables();

        assertInvalid(close(BIA, id, at(Instant.now().minus(Duration.ofMinutes(5)))), "future");
        assertInvalid(close(BIA, id, at(windowEnds.plusSeconds(60))), "window");
        assertInvalid(close(BIA, id, "{\"at\":\"amanhã às 10h\"}"), "ISO-8601");
        assertInvalid(close(BIA, id, "{\"at\":\"" + Instant.now().plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC)
                .toLocalDateTime() + "\"}"), "offset");
        assertInvalid(close(BIA, id, "{\"at\":1795262400}"), "at");
        assertInvalid(close(BIA, id, "{\"message\":\"   \"}"), "message");
        assertInvalid(close(BIA, id, "{\"message\":\"" + "a".repeat(4097) + "\"}"), "message");
        assertInvalid(close(BIA, id, "{\"cancelOnReply\":\"yes\"}"), "cancelOnReply");
        assertInvalid(close(BIA, id, "close it"), "JSON");
        assertInvalid(close(BIA, id, "[]"), "JSON object");

        assertEquals(before, tables());
        assertTrue(stored(id).isOpen());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.to", equalTo("5511966660010"))));
    }
}
