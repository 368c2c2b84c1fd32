package io.janela.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.application.contacts.ContactResolver;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.webhook.WebhookParser;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MetaPayloads;
import io.janela.support.MockLambda;
import io.janela.support.WireMockGraph;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The conversation routes through the desk function: Meta's documented inbound shapes written by
 * the real webhook ingest, an agent's text and template sent by the send function (WireMock as
 * Meta), their statuses fed through the webhook, and the pages, the message and their refusals read
 * back as a desk UI reads them.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class DeskConversationTest {

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
    @Inject
    ContactResolver resolver;
    @Inject
    SendFunction send;
    @Inject
    ObjectMapper json;

    @BeforeEach
    void deskAndMeta() {
        meta.resetAll();
        directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, true));
        directory.putTemplate(new Template("pedido_atualizado", "pt_BR", Optional.of("UTILITY"), 1, true, Optional.empty()));
        directory.recordTemplateStatus(new TemplateStatusChange("pedido_atualizado", "pt_BR", "APPROVED", null,
                Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void aTicketsConversationShowsEveryKindWhoSentItItsStatusesAndReactions() throws IOException {
        String waId = "5511955550001";
        Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        deliver(notification().text(waId, "Ana", "wamid.CV1", t0, "Oi, e meu pedido?"));
        deliver(notification().image(waId, "Ana", "wamid.CV2", t0.plusSeconds(10)));
        customerSent(waId, "wamid.CV3", "location", t0.plusSeconds(20), message -> message.putObject("location")
                .put("latitude", -23.5617).put("longitude", -46.6559).put("name", "Loja Paulista")
                .put("address", "Av. Paulista, 1000"));
        customerSent(waId, "wamid.CV4", "contacts", t0.plusSeconds(30), message -> {
            ObjectNode card = message.putArray("contacts").addObject();
            card.putObject("name").put("formatted_name", "Bruno Lima").put("first_name", "Bruno");
            card.putArray("phones").addObject().put("phone", "+55 11 98888-7777").put("wa_id", "5511988887777")
                    .put("type", "CELL");
        });
        customerSent(waId, "wamid.CV5", "interactive", t0.plusSeconds(40), message -> message.putObject("interactive")
                .put("type", "button_reply").putObject("button_reply").put("id", "entrega").put("title", "Entrega"));
        customerSent(waId, "wamid.CV6", "button", t0.plusSeconds(50), message -> {
            message.putObject("context").put("from", PHONE_NUMBER_ID).put("id", "wamid.TEMPLATE");
            message.putObject("button").put("payload", "SIM_CONFIRMO").put("text", "Sim");
        });
        customerSent(waId, "wamid.CV7", "unsupported", t0.plusSeconds(60), message -> message.putArray("errors").addObject()
                .put("code", 131051).put("title", "Message type unknown"));
        String ticket = ticketOf(waId);

        metaAccepts("text", "wamid.OUT.TEXT");
        String text = sent("""
                {"phoneNumberId":"%s","waId":"%s","text":"Seu pedido saiu para entrega"}""".formatted(PHONE_NUMBER_ID, waId));
        metaAccepts("template", "wamid.OUT.TEMPLATE");
        String template = sent("""
                {"phoneNumberId":"%s","waId":"%s","template":{"name":"pedido_atualizado","language":"pt_BR",
                 "parameters":["12345"]}}""".formatted(PHONE_NUMBER_ID, waId));
        Instant later = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        deliver(notification().status(waId, "wamid.OUT.TEXT", "sent", later)
                .status(waId, "wamid.OUT.TEXT", "delivered", later.plusSeconds(1))
                .status(waId, "wamid.OUT.TEXT", "read", later.plusSeconds(2)));
        deliver(notification().status(waId, "wamid.OUT.TEMPLATE", "sent", later));
        deliver(notification().failed(waId, "wamid.OUT.TEMPLATE", later.plusSeconds(1), 131047,
                "Re-engagement message", "Message failed to send because more than 24 hours have passed"));
        customerSent(waId, "wamid.CV8", "reaction", later.plusSeconds(3), message -> message.putObject("reaction")
                .put("message_id", "wamid.OUT.TEXT").put("emoji", "\uD83D\uDC4D"));
        customerSent(waId, "wamid.CV9", "reaction", later.plusSeconds(4), message -> message.putObject("reaction")
                .put("message_id", "wamid.NOT.JANELAS").put("emoji", "\u2764"));

        JsonNode page = ok(ticketMessages(ticket, Map.of("order", "oldest")));
        JsonNode messages = page.path("messages");
        assertTrue(page.path("cursor").isNull(), page.toString());
        List<String> kinds = new ArrayList<>();
        messages.forEach(message -> kinds.add(message.path("kind").asText()));
        assertEquals(List.of("text", "image", "location", "contacts", "interactive", "button", "unsupported", "text",
                "template", "reaction"), kinds, "the reaction to the agent's text sits on it: " + messages);

        JsonNode first = messages.path(0);
        assertEquals("wamid.CV1", first.path("id").asText());
        assertEquals("inbound", first.path("direction").asText());
        assertEquals(t0.toString(), first.path("at").asText());
        assertEquals("customer", first.path("from").path("kind").asText());
        assertEquals("Oi, e meu pedido?", first.path("content").path("body").asText());
        assertTrue(first.path("status").isNull() && first.path("statuses").isNull(), first.toString());
        JsonNode image = messages.path(1).path("content");
        assertEquals("1003383421387256", image.path("mediaId").asText(), image.toString());
        assertEquals("image/jpeg", image.path("mimeType").asText());
        assertEquals("the receipt", image.path("caption").asText());
        JsonNode location = messages.path(2).path("content");
        assertEquals(-23.5617, location.path("latitude").asDouble(), 1e-9);
        assertEquals(-46.6559, location.path("longitude").asDouble(), 1e-9);
        assertEquals("Loja Paulista", location.path("name").asText());
        assertEquals("Av. Paulista, 1000", location.path("address").asText());
        JsonNode card = messages.path(3).path("content").path("cards").path(0);
        assertEquals("Bruno Lima", card.path("name").asText(), card.toString());
        assertEquals("+55 11 98888-7777", card.path("phones").path(0).asText());
        JsonNode reply = messages.path(4).path("content");
        assertEquals("button_reply", reply.path("reply").asText(), reply.toString());
        assertEquals("entrega", reply.path("id").asText());
        assertEquals("Entrega", reply.path("title").asText());
        JsonNode button = messages.path(5).path("content");
        assertEquals("SIM_CONFIRMO", button.path("payload").asText(), button.toString());
        assertEquals("Sim", button.path("text").asText());
        JsonNode unsupported = messages.path(6).path("content");
        assertEquals("wamid.CV7", unsupported.path("id").asText(), "Meta's JSON whole: " + unsupported);
        assertEquals(131051, unsupported.path("errors").path(0).path("code").asInt());

        JsonNode agentText = messages.path(7);
        assertEquals(text, agentText.path("id").asText());
        assertEquals("wamid.OUT.TEXT", agentText.path("wamid").asText());
        assertEquals("outbound", agentText.path("direction").asText());
        assertEquals("agent", agentText.path("from").path("kind").asText());
        assertEquals(BIA, agentText.path("from").path("agent").asText());
        assertEquals("Seu pedido saiu para entrega", agentText.path("content").path("body").asText());
        assertEquals("read", agentText.path("status").asText());
        assertEquals(later.plusSeconds(2).toString(), agentText.path("statusAt").asText());
        assertEquals("\uD83D\uDC4D", agentText.path("reactions").path(0).path("emoji").asText(), agentText.toString());
        assertEquals("wamid.CV8", agentText.path("reactions").path(0).path("id").asText());
        assertEquals("utility", agentText.path("pricing").path("category").asText(), agentText.toString());

        JsonNode agentTemplate = messages.path(8);
        assertEquals("pedido_atualizado", agentTemplate.path("content").path("name").asText(), agentTemplate.toString());
        assertEquals("pt_BR", agentTemplate.path("content").path("language").asText());
        assertEquals("12345", agentTemplate.path("content").path("parameters").path(0).asText());
        assertEquals("failed", agentTemplate.path("status").asText());
        assertEquals(131047, agentTemplate.path("errors").path(0).path("code").asInt());
        assertEquals("Re-engagement message", agentTemplate.path("errors").path(0).path("title").asText());
        assertTrue(agentTemplate.path("errors").path(0).path("details").asText().contains("24 hours"));

        JsonNode alone = messages.path(9);
        assertEquals("wamid.NOT.JANELAS", alone.path("content").path("messageId").asText(), alone.toString());
        assertEquals("\u2764", alone.path("content").path("emoji").asText());

        JsonNode history = ok(message(text, BIA));
        List<String> statuses = new ArrayList<>();
        history.path("statuses").forEach(status -> statuses.add(status.path("status").asText() + "@" + status.path("at").asText()));
        assertEquals(List.of("accepted@" + agentText.path("at").asText(), "sent@" + later, "delivered@" + later.plusSeconds(1),
                "read@" + later.plusSeconds(2)), statuses, history.toString());
        JsonNode failed = ok(message(template, BIA));
        assertEquals("failed", failed.path("status").asText());
        assertEquals(later.plusSeconds(1).toString(), failed.path("statusAt").asText(), failed.toString());
        assertEquals(131047, failed.path("errors").path(0).path("code").asInt());
    }

    @Test
    void pagesFollowTheirCursorBothWaysAndTheContactsHistoryReachesPastTheTicket() throws IOException {
        String waId = "5511955550002";
        Instant t0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 7; i++) {
            deliver(notification().text(waId, "Caio", "wamid.PG" + i, t0.plusSeconds(i), "mensagem " + i));
        }
        String ticket = ticketOf(waId);
        metaAccepts("text", "wamid.PG.GOODBYE");
        JsonNode closed = MockLambda.invoke(HttpApiEvents.withCaller(HttpApiEvents.json("POST", "/tickets/{id}/close",
                "/tickets/" + ticket + "/close", Map.of("id", ticket), "{\"message\":\"Obrigado, até logo!\"}"), BIA));
        assertEquals("SENT", ok(closed).path("closing").path("message").asText(), closed.toString());
        deliver(notification().text(waId, "Caio", "wamid.PG.AFTER", Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS),
                "voltei"));

        List<String> oldest = allIds(query -> ticketMessages(ticket, query), "oldest", 3);
        assertEquals(8, oldest.size(), "seven messages and the goodbye sent after the close: " + oldest);
        assertEquals("wamid.PG0", oldest.get(0));
        JsonNode goodbye = ok(ticketMessages(ticket, Map.of("limit", "1"))).path("messages").path(0);
        assertEquals("Obrigado, até logo!", goodbye.path("content").path("body").asText(), goodbye.toString());
        assertEquals(BIA, goodbye.path("from").path("agent").asText());
        List<String> newest = new ArrayList<>(allIds(query -> ticketMessages(ticket, query), "newest", 2));
        Collections.reverse(newest);
        assertEquals(oldest, newest, "the same messages, the other way round");

        List<String> history = allIds(query -> contactMessages(waId, query), "newest", 4);
        assertEquals(9, history.size(), "the ticket's and the one after its close: " + history);
        assertEquals("wamid.PG.AFTER", history.get(0));
        assertFalse(oldest.contains("wamid.PG.AFTER"));
    }

    @Test
    void onlyAgentsReadAndEveryBadRequestIsNamed() {
        String waId = "5511955550003";
        deliver(notification().text(waId, "Dani", "wamid.BR1", Instant.now().truncatedTo(ChronoUnit.SECONDS), "Oi"));
        String ticket = ticketOf(waId);

        refused(get("/tickets/{id}/messages", "/tickets/" + ticket + "/messages", Map.of(), Map.of("id", ticket), null),
                401, "unauthenticated", "");
        refused(get("/tickets/{id}/messages", "/tickets/" + ticket + "/messages", Map.of(), Map.of("id", ticket),
                "someone@elsewhere.example"), 403, "not_an_agent", "someone@elsewhere.example");
        refused(message("m" + "0".repeat(52), "someone@elsewhere.example"), 403, "not_an_agent", "");
        refused(ticketMessages("t" + "0".repeat(34), Map.of()), 404, "unknown_ticket", "t" + "0".repeat(34));
        refused(ticketMessages("nonsense", Map.of()), 404, "unknown_ticket", "nonsense");
        refused(contactMessages("5511900000000", Map.of()), 404, "unknown_contact", "5511900000000");
        refused(contactMessages("not-a-phone", Map.of()), 400, "invalid_request", "ref");
        refused(message("m" + "0123456789abcdef".repeat(2), BIA), 404, "unknown_message", "no message");
        refused(message("m" + "0".repeat(52), BIA), 404, "unknown_message", "no message");

        refused(ticketMessages(ticket, Map.of("sort", "asc")), 400, "invalid_request", "sort");
        refused(ticketMessages(ticket, Map.of("order", "recent")), 400, "invalid_request", "order");
        refused(ticketMessages(ticket, Map.of("limit", "0")), 400, "invalid_request", "limit");
        refused(ticketMessages(ticket, Map.of("limit", "101")), 400, "invalid_request", "limit");
        refused(ticketMessages(ticket, Map.of("limit", "ten")), 400, "invalid_request", "limit");
        refused(ticketMessages(ticket, Map.of("cursor", "bm90IG91cnM")), 400, "invalid_request", "cursor");
        refused(contactMessages(waId, Map.of("cursor", "x".repeat(600))), 400, "invalid_request", "cursor");
        refused(get("/messages/{id}", "/messages/x", Map.of("verbose", "1"), Map.of("id", "x"), BIA), 400,
                "invalid_request", "verbose");

        String cursor = ok(contactMessages(waId, Map.of("limit", "1"))).path("cursor").asText();
        refused(contactMessages(waId, Map.of("limit", "1", "order", "oldest", "cursor", cursor)), 400, "invalid_request",
                "cursor");
        refused(ticketMessages(ticket, Map.of("cursor", cursor)), 400, "invalid_request", "cursor");
    }

    private void metaAccepts(String type, String wamid) {
        meta.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.type", equalTo(type)))
                .willReturn(okJson("""
                        {"messaging_product":"whatsapp","contacts":[{"input":"x","wa_id":"x"}],
                         "messages":[{"id":"%s"}]}""".formatted(wamid))));
    }

    private void deliver(MetaPayloads payload) {
        ingest.apply(parser.parse(payload.bytes(), Instant.now()));
    }

    private void customerSent(String waId, String wamid, String type, Instant at, Consumer<ObjectNode> body) {
        deliver(notification().message(waId, "Ana", wamid, type, at, body));
    }

    /** Janela's id of a message the send function sent. */
    private String sent(String body) throws IOException {
        String event = HttpApiEvents.withCaller(HttpApiEvents.json("POST", "/messages", "/messages", Map.of(), body), BIA);
        HttpApiResponse response = send.send(json.readValue(event, HttpApiRequest.class));
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static JsonNode get(String routePath, String rawPath, Map<String, String> query, Map<String, String> path,
            String caller) {
        String event = HttpApiEvents.get(routePath, rawPath, query, path);
        return MockLambda.invoke(caller == null ? event : HttpApiEvents.withCaller(event, caller));
    }

    private static JsonNode ticketMessages(String ticket, Map<String, String> query) {
        return get("/tickets/{id}/messages", "/tickets/" + ticket + "/messages", query, Map.of("id", ticket), BIA);
    }

    private static JsonNode contactMessages(String waId, Map<String, String> query) {
        return get("/numbers/{phoneNumberId}/contacts/{ref}/messages", "/numbers/" + PHONE_NUMBER_ID + "/contacts/" + waId
                + "/messages", query, Map.of("phoneNumberId", PHONE_NUMBER_ID, "ref", waId), BIA);
    }

    private static JsonNode message(String id, String caller) {
        return get("/messages/{id}", "/messages/" + id, Map.of(), Map.of("id", id), caller);
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError(response.toString(), e);
        }
    }

    private static JsonNode ok(JsonNode response) {
        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        return body(response);
    }

    private static void refused(JsonNode response, int status, String error, String naming) {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertEquals(error, body(response).path("error").asText(), response.toString());
        assertTrue(body(response).path("message").asText().contains(naming), response.toString());
    }

    private String ticketOf(String waId) {
        return contacts.findContact(resolver.find(PHONE_NUMBER_ID, CustomerId.parse(waId)).orElseThrow()).orElseThrow()
                .openTicket().orElseThrow().id().value();
    }

    /** Every page of a list, each {@code limit} long, following the cursors until one is null. */
    private static List<String> allIds(Function<Map<String, String>, JsonNode> read, String order, int limit) {
        List<String> ids = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("order", order, "limit", Integer.toString(limit)));
        for (int pages = 0; pages < 50; pages++) {
            JsonNode page = ok(read.apply(query));
            page.path("messages").forEach(message -> ids.add(message.path("id").asText()));
            if (page.path("cursor").isNull()) {
                return ids;
            }
            query.put("cursor", page.path("cursor").asText());
        }
        throw new AssertionError("the cursor never ended");
    }
}
