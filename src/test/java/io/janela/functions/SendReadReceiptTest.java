package io.janela.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.application.contacts.ContactStore;
import io.janela.application.desk.ClosingByHand;
import io.janela.application.desk.TicketEditStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.config.JanelaConfig;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.ticket.Ticket;
import io.janela.functions.webhook.WebhookParser;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MetaPayloads.Who;
import io.janela.support.MockLambda;
import io.janela.support.TestContacts;
import io.janela.support.WireMockGraph;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /tickets/{id}/read} on the send Lambda, through the mock event server, with WireMock
 * as Meta: the customer's newest message on the ticket marked read, guarded like a send.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(SendProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class SendReadReceiptTest {

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
    @Inject
    ClosingByHand closing;
    @Inject
    TicketEditStore edits;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    @BeforeEach
    void deskAndMeta() {
        meta.resetAll();
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("{\"success\":true}")));
        directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, true));
    }

    private Ticket customerWrote(String waId, String wamid, Duration ago) {
        Instant sent = Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS);
        ingest.apply(parser.parse(notification().text(Who.phone(waId), "Ana", wamid, sent, "Oi").bytes(), Instant.now()));
        return contacts.findContact(TestContacts.key(waId)).orElseThrow().openTicket().orElseThrow();
    }

    private static JsonNode markRead(String caller, String ticket, String body) {
        String event = HttpApiEvents.json("POST", "/tickets/{id}/read", "/tickets/" + ticket + "/read", Map.of("id", ticket),
                body);
        return MockLambda.invoke(caller == null ? event : HttpApiEvents.withCaller(event, caller));
    }

    private static void assertRefused(JsonNode response, int status, String error) {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertEquals(error, MockLambda.body(response).path("error").asText(), response.toString());
        assertFalse(MockLambda.body(response).path("message").asText().isBlank());
    }

    private void nothingReachedMeta() {
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void theCustomersNewestMessageIsMarkedReadAsMetaDocumentsIt() {
        Ticket ticket = customerWrote("5511977770001", "wamid.R1", Duration.ofMinutes(10));
        customerWrote("5511977770001", "wamid.R2", Duration.ofMinutes(5));
        customerWrote("5511977770001", "wamid.R0-LATE", Duration.ofMinutes(20)); // delivered late: older, moves nothing

        JsonNode response = markRead(BIA, ticket.id().value(), "");

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        JsonNode marked = MockLambda.body(response);
        assertEquals(ticket.id().value(), marked.path("ticket").asText());
        assertEquals("wamid.R2", marked.path("wamid").asText());
        assertFalse(marked.path("typing").asBoolean());
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + WireMockGraph.ACCESS_TOKEN))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","status":"read","message_id":"wamid.R2"}""")));
    }

    @Test
    void withTypingTheCustomerAlsoSeesThatAnAgentIsTyping() {
        Ticket ticket = customerWrote("5511977770002", "wamid.T1", Duration.ofMinutes(3));

        JsonNode response = markRead(BIA, ticket.id().value(), "{\"typing\": true}");

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        assertTrue(MockLambda.body(response).path("typing").asBoolean());
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","status":"read","message_id":"wamid.T1",
                 "typing_indicator":{"type":"text"}}""")));
    }

    @Test
    void aReadReceiptIsNoMessage() {
        Ticket ticket = customerWrote("5511977770003", "wamid.N1", Duration.ofMinutes(3));
        Map<String, AttributeValue> before = ticketItem(ticket);

        assertEquals(200, markRead(BIA, ticket.id().value(), "{}").path("statusCode").asInt());

        assertEquals(before, ticketItem(ticket), "the ticket is as it was: no reply, no take-over");
        assertEquals(List.of(), outboundItems(ticket), "nothing is stored as sent");
    }

    @Test
    void aClosedTicketIsNotMarked() {
        Ticket ticket = customerWrote("5511977770004", "wamid.C1", Duration.ofMinutes(3));
        assertTrue(closing.close(new ClosingByHand.CloseCommand(BIA, ticket.id(), Optional.empty(), false, Optional.empty()))
                instanceof ClosingByHand.Closed);

        assertRefused(markRead(BIA, ticket.id().value(), ""), 409, "ticket_closed");
        nothingReachedMeta();
    }

    @Test
    void aBlockedContactIsNotMarked() {
        Ticket ticket = customerWrote("5511977770005", "wamid.B1", Duration.ofMinutes(3));
        edits.setContactFlags(ticket.contact(),
                new TicketEditStore.ContactFlags(Optional.of(true), Optional.empty(), Optional.empty()), BIA, Instant.now());

        assertRefused(markRead(BIA, ticket.id().value(), ""), 403, "contact_blocked");
        nothingReachedMeta();
    }

    @Test
    void aTicketThatKeepsNoCustomerMessageHasNothingToMark() {
        Ticket ticket = customerWrote("5511977770006", "wamid.O1", Duration.ofMinutes(3));
        // as a ticket opened before tickets kept their newest message
        dynamo.updateItem(request -> request.tableName(config.tables().contacts()).key(ticketKey(ticket))
                .updateExpression("REMOVE lastInboundWamid"));

        assertRefused(markRead(BIA, ticket.id().value(), ""), 409, "no_customer_message");
        nothingReachedMeta();
    }

    @Test
    void onlyTheDesksAgentsMarkMessagesRead() {
        Ticket ticket = customerWrote("5511977770007", "wamid.A1", Duration.ofMinutes(3));

        assertRefused(markRead("stranger@elsewhere.example", ticket.id().value(), ""), 403, "not_an_agent");
        assertRefused(markRead(null, ticket.id().value(), ""), 401, "unauthenticated");
        nothingReachedMeta();
    }

    @Test
    void anUnknownTicketOrABadBodyIsRefusedAndNothingReachesMeta() {
        Ticket ticket = customerWrote("5511977770008", "wamid.U1", Duration.ofMinutes(3));

        assertRefused(markRead(BIA, "t0000000000000000000000", ""), 404, "unknown_ticket");
        JsonNode misspelled = markRead(BIA, ticket.id().value(), "{\"typeing\": true}");
        assertRefused(misspelled, 400, "invalid_request");
        assertTrue(MockLambda.body(misspelled).path("message").asText().contains("typeing"));
        assertRefused(markRead(BIA, ticket.id().value(), "{\"typing\": \"yes\"}"), 400, "invalid_request");
        nothingReachedMeta();
    }

    @Test
    void metaRefusingTheReceiptIsAnsweredLikeARefusedSend() {
        Ticket ticket = customerWrote("5511977770009", "wamid.M1", Duration.ofMinutes(3));
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,
                         "error_data":{"messaging_product":"whatsapp","details":"Invalid message_id"},
                         "fbtrace_id":"AbCdEf0123"}}""")));

        JsonNode response = markRead(BIA, ticket.id().value(), "");

        assertRefused(response, 422, "meta_rejected");
        JsonNode body = MockLambda.body(response);
        assertEquals(100, body.path("metaError").path("code").asInt());
        assertEquals("Invalid message_id", body.path("metaError").path("details").asText());
        assertFalse(body.has("id"), "a read receipt is not stored, so it has no id");
    }

    private static Map<String, AttributeValue> ticketKey(Ticket ticket) {
        return Map.of("pk", AttributeValue.fromS("C#" + ticket.contact().id()),
                "sk", AttributeValue.fromS("TICKET#" + ticket.id().value()));
    }

    private Map<String, AttributeValue> ticketItem(Ticket ticket) {
        return dynamo.getItem(request -> request.tableName(config.tables().contacts()).key(ticketKey(ticket))
                .consistentRead(true)).item();
    }

    private List<Map<String, AttributeValue>> outboundItems(Ticket ticket) {
        return dynamo.query(request -> request.tableName(config.tables().contacts())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :out)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("C#" + ticket.contact().id()),
                        ":out", AttributeValue.fromS("OUT#")))
                .consistentRead(true)).items();
    }
}
