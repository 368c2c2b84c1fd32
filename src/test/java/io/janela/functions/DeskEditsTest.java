package io.janela.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.assignment.Assigner;
import io.janela.application.assignment.TeamStore;
import io.janela.application.contacts.ContactStore;
import io.janela.application.desk.ClosingByHand;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.application.outbound.SendService;
import io.janela.config.JanelaConfig;
import io.janela.domain.assignment.AssignmentRules;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.desk.Tags;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.ticket.Assignment;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The desk's changes by hand, driven by HTTP API events through the mock event server: assigning a
 * ticket to an agent or a department, tags, internal notes and a contact's flags; every refusal
 * answered with its code and the field to fix, with both tables left as they were.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class DeskEditsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";
    private static final String STRANGER = "visitante@example.com";
    private static final String MESSAGES = "/v25.0/" + PHONE_NUMBER_ID + "/messages";
    private static final String UNKNOWN_TICKET = "t0000000000000000000000000000000000";

    @WireMockGraph.Server
    WireMockServer meta;
    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;
    @Inject
    DirectoryStore directory;
    @Inject
    TeamStore team;
    @Inject
    ContactStore contacts;
    @Inject
    SendService sends;
    @Inject
    ClosingByHand actions;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;
    @Inject
    Assigner assigner;

    @BeforeEach
    void deskAndMeta() {
        meta.resetAll();
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"5511977770001","wa_id":"5511977770001"}],
                 "messages":[{"id":"wamid.HBgNNTUxMTk3Nzc3MDAwMRUCABEYEjQ1"}]}""")));
        directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, false));
        directory.putAgent(new Agent(CAIO, "Caio", AgentStatus.OFFLINE, false));
        team.putDepartment(new Department("billing", "Financeiro", Department.Strategy.RANDOM, List.of(BIA, CAIO),
                Optional.empty(), Optional.empty()), "admin@desk.example", Instant.now());
    }

    /** The customer's message as Meta delivers it; answers the id of the contact's open ticket. */
    private String customerWrote(String waId, String wamid, Duration ago) {
        return customerWrote(Who.phone(waId), waId, wamid, ago);
    }

    /** {@code ref}: the id the customer was first named by, which gives their key in tests. */
    private String customerWrote(Who who, String ref, String wamid, Duration ago) {
        Instant sent = Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS);
        ingest.apply(parser.parse(notification().text(who, "Ana", wamid, sent, "Oi").bytes(), Instant.now()));
        return contacts.findContact(TestContacts.key(ref)).orElseThrow().openTicket().orElseThrow().id().value();
    }

    private static JsonNode onTicket(String method, String route, String caller, String id, String body) {
        String path = route.replace("{id}", id);
        String event = body == null
                ? HttpApiEvents.event(method, route, path, Map.of(), Map.of(), Map.of("id", id), null, false)
                : HttpApiEvents.json(method, route, path, Map.of("id", id), body);
        return MockLambda.invoke(caller == null ? event : HttpApiEvents.withCaller(event, caller));
    }

    private static JsonNode assign(String caller, String id, String body) {
        return onTicket("POST", "/tickets/{id}/assign", caller, id, body);
    }

    private static JsonNode tag(String caller, String id, String body) {
        return onTicket("POST", "/tickets/{id}/tags", caller, id, body);
    }

    private static JsonNode addNote(String caller, String id, String body) {
        return onTicket("POST", "/tickets/{id}/notes", caller, id, body);
    }

    private static JsonNode notes(String caller, String id) {
        return onTicket("GET", "/tickets/{id}/notes", caller, id, null);
    }

    /** {@code ref}: the customer's phone number or business-scoped user id. */
    private static JsonNode putContact(String caller, String ref, String body) {
        String event = HttpApiEvents.json("PUT", "/numbers/{phoneNumberId}/contacts/{ref}",
                "/numbers/" + PHONE_NUMBER_ID + "/contacts/" + ref, Map.of("phoneNumberId", PHONE_NUMBER_ID, "ref", ref),
                body);
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

    private static JsonNode ok(int status, JsonNode response) {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        return body(response);
    }

    private static void assertError(int status, String error, JsonNode response) {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertEquals(error, body(response).path("error").asText(), response.toString());
    }

    /** An error whose sentence names what to fix. */
    private static void assertError(int status, String error, String field, JsonNode response) {
        assertError(status, error, response);
        String message = body(response).path("message").asText();
        assertTrue(message.contains(field), "the message names " + field + ": " + message);
    }

    private List<List<String>> tables() {
        return List.of(TableSnapshot.of(dynamo, config.tables().contacts()), TableSnapshot.of(dynamo, config.tables().directory()));
    }

    private Ticket stored(String id) {
        return contacts.findTicket(new TicketId(id)).orElseThrow();
    }

    private Map<String, AttributeValue> ticketItem(String id) {
        Ticket ticket = stored(id);
        return dynamo.getItem(request -> request.tableName(config.tables().contacts()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("C#" + ticket.contact().id()),
                "sk", AttributeValue.fromS("TICKET#" + id)))).item();
    }

    private void closedByBia(String id) {
        assertInstanceOf(ClosingByHand.Closed.class, actions.close(new ClosingByHand.CloseCommand(BIA, new TicketId(id),
                Optional.empty(), true, Optional.empty())));
    }

    @Test
    void anAgentHandsATicketToAnotherAgentAndTheDepartmentGoes() {
        String id = customerWrote("5511977770001", "wamid.E1", Duration.ofMinutes(20));
        ok(200, assign(BIA, id, "{\"department\":\"billing\"}"));

        JsonNode ticket = ok(200, assign(BIA, id, "{\"agent\":\"Caio@Desk.example\"}"));

        assertEquals("OPEN", ticket.path("status").asText());
        assertEquals(CAIO, ticket.path("agent").asText(), "the directory's spelling, even for an agent who is offline");
        assertTrue(ticket.path("department").isNull(), ticket.toString());
        assertEquals(ticket, body(getTicket(id)), "the answer is the ticket as it reads back");
        Map<String, AttributeValue> item = ticketItem(id);
        assertEquals(BIA, item.get("assignedBy").s());
        assertTrue(item.get("byHand").bool());
        assertFalse(item.containsKey("queue"), item.toString());
        assertEquals(Optional.of(CAIO), contacts.findContact(stored(id).contact()).orElseThrow().profile().lastAgent());
    }

    @Test
    void aTicketSentToADepartmentWaitsInItsQueueWithoutAnAgent() {
        String id = customerWrote("5511977770002", "wamid.E2", Duration.ofMinutes(20));
        ok(200, assign(BIA, id, "{\"agent\":\"" + BIA + "\"}"));

        JsonNode ticket = ok(200, assign(CAIO, id, "{\"department\":\"billing\"}"));

        assertEquals("WAITING", ticket.path("status").asText());
        assertTrue(ticket.path("agent").isNull(), ticket.toString());
        assertEquals("billing", ticket.path("department").asText());
        Map<String, AttributeValue> item = ticketItem(id);
        assertEquals("D#billing", item.get("waiting").s());
        assertEquals(CAIO, item.get("assignedBy").s());
        assertFalse(item.containsKey("holder"), item.toString());
        assertEquals(new Assignment(Optional.empty(), Optional.of("billing"), Optional.empty(), true), stored(id).assignment());
    }

    @Test
    void aBadAssignIsRefusedNamingTheFieldAndChangesNothing() {
        String id = customerWrote("5511977770003", "wamid.E3", Duration.ofMinutes(20));
        String closed = customerWrote("5511977770004", "wamid.E4", Duration.ofMinutes(20));
        closedByBia(closed);
        List<List<String>> before = tables();

        assertError(401, "unauthenticated", assign(null, id, "{\"agent\":\"" + BIA + "\"}"));
        assertError(403, "not_an_agent", assign(STRANGER, id, "{\"agent\":\"" + BIA + "\"}"));
        assertError(404, "unknown_ticket", assign(BIA, UNKNOWN_TICKET, "{\"agent\":\"" + BIA + "\"}"));
        assertError(404, "unknown_ticket", assign(BIA, "not-a-ticket", "{\"agent\":\"" + BIA + "\"}"));
        assertError(400, "invalid_request", "agent, department", assign(BIA, id, "{}"));
        assertError(400, "invalid_request", "agent, department", assign(BIA, id,
                "{\"agent\":\"" + BIA + "\",\"department\":\"billing\"}"));
        assertError(400, "invalid_request", "agent", assign(BIA, id, "{\"agent\":\"bia\"}"));
        assertError(400, "invalid_request", "agent", assign(BIA, id, "{\"agent\":42}"));
        assertError(400, "invalid_request", "department", assign(BIA, id, "{\"department\":\"no such queue!\"}"));
        assertError(400, "invalid_request", "reason", assign(BIA, id, "{\"agent\":\"" + BIA + "\",\"reason\":\"lunch\"}"));
        assertError(400, "invalid_request", "JSON", assign(BIA, id, "assign to bia"));
        assertError(400, "unknown_agent", "agent", assign(BIA, id, "{\"agent\":\"zeca@else.example\"}"));
        assertError(400, "unknown_department", "department", assign(BIA, id, "{\"department\":\"sales\"}"));
        assertError(409, "ticket_closed", assign(BIA, closed, "{\"agent\":\"" + BIA + "\"}"));
        assertError(409, "ticket_closed", assign(BIA, closed, "{\"department\":\"billing\"}"));

        assertEquals(before, tables());
    }

    @Test
    void tagsAreAddedAndRemovedAndAClosedTicketIsStillTagged() {
        String id = customerWrote("5511977770005", "wamid.E5", Duration.ofMinutes(20));

        JsonNode tagged = ok(200, tag(BIA, id, "{\"add\":[\"VIP\",\"reembolso\",\"vip\"]}"));
        assertEquals(List.of("reembolso", "vip"), JSON.convertValue(tagged.path("tags"), List.class));

        JsonNode retagged = ok(200, tag(CAIO, id, "{\"add\":[\"urgente\"],\"remove\":[\"reembolso\"]}"));
        assertEquals(List.of("urgente", "vip"), JSON.convertValue(retagged.path("tags"), List.class));
        assertEquals(CAIO, ticketItem(id).get("tagsUpdatedBy").s());
        assertEquals(retagged.path("tags"), body(getTicket(id)).path("tags"));

        closedByBia(id);
        JsonNode afterClose = ok(200, tag(BIA, id, "{\"add\":[\"resolvido\"]}"));
        assertEquals("CLOSED", afterClose.path("status").asText());
        assertEquals(List.of("resolvido", "urgente", "vip"), JSON.convertValue(afterClose.path("tags"), List.class));
    }

    @Test
    void aBadTagRequestIsRefusedNamingTheFieldAndChangesNothing() {
        String id = customerWrote("5511977770006", "wamid.E6", Duration.ofMinutes(20));
        String many = IntStream.range(0, Tags.MAX_PER_TICKET - 1).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
        ok(200, tag(BIA, id, "{\"add\":[" + many + "]}"));
        List<List<String>> before = tables();

        assertError(401, "unauthenticated", tag(null, id, "{\"add\":[\"vip\"]}"));
        assertError(403, "not_an_agent", tag(STRANGER, id, "{\"add\":[\"vip\"]}"));
        assertError(404, "unknown_ticket", tag(BIA, UNKNOWN_TICKET, "{\"add\":[\"vip\"]}"));
        assertError(400, "invalid_request", "tags", tag(BIA, id, "{}"));
        assertError(400, "invalid_request", "tags", tag(BIA, id, "{\"add\":[],\"remove\":[]}"));
        assertError(400, "invalid_request", "add", tag(BIA, id, "{\"add\":\"vip\"}"));
        assertError(400, "invalid_request", "add[1]", tag(BIA, id, "{\"add\":[\"vip\",\"não pode ter espaço\"]}"));
        assertError(400, "invalid_request", "remove[0]", tag(BIA, id, "{\"remove\":[7]}"));
        assertError(400, "invalid_request", "vip", tag(BIA, id, "{\"add\":[\"vip\"],\"remove\":[\"VIP\"]}"));
        assertError(400, "invalid_request", "tags", tag(BIA, id, "{\"tags\":[\"vip\"]}"));
        String tooMany = IntStream.range(0, Tags.MAX_PER_TICKET + 1).mapToObj(i -> "\"n" + i + "\"").collect(Collectors.joining(","));
        assertError(400, "invalid_request", "tags", tag(BIA, id, "{\"add\":[" + tooMany + "]}"));
        assertError(409, "too_many_tags", "tags", tag(BIA, id, "{\"add\":[\"vip\",\"urgente\"]}"));

        assertEquals(before, tables());
        ok(200, tag(BIA, id, "{\"add\":[\"vip\",\"t0\"]}"));
        assertEquals(Tags.MAX_PER_TICKET, stored(id).tags().size(), "the twentieth fits");
    }

    @Test
    void notesAreKeptOldestFirstNeverSentAndAnswerNobody() {
        String id = customerWrote("5511977770007", "wamid.E7", Duration.ofMinutes(20));
        Map<String, AttributeValue> ticketBefore = ticketItem(id);

        JsonNode first = ok(201, addNote(BIA, id, "{\"text\":\"Cliente pediu reembolso\"}"));
        JsonNode second = ok(201, addNote(CAIO, id, "{\"text\":\"Reembolso aprovado pelo financeiro\"}"));

        assertEquals(id, first.path("ticketId").asText());
        assertEquals(BIA, first.path("by").asText());
        assertEquals("Cliente pediu reembolso", first.path("text").asText());
        assertFalse(first.path("id").asText().isEmpty());
        Instant at = Instant.parse(first.path("at").asText());
        assertTrue(Duration.between(at, Instant.now()).abs().toSeconds() < 60, at.toString());
        JsonNode read = ok(200, notes(CAIO, id));
        assertEquals(id, read.path("ticketId").asText());
        assertEquals(List.of(first, second), List.of(read.path("notes").get(0), read.path("notes").get(1)));
        assertEquals(2, read.path("notes").size());

        assertEquals(ticketBefore, ticketItem(id), "the ticket is untouched: its unanswered timer runs on");
        assertTrue(stored(id).unansweredSince().isPresent());
        meta.verify(0, anyRequestedFor(anyUrl()));

        closedByBia(id);
        ok(201, addNote(BIA, id, "{\"text\":\"Encerrado após o reembolso\"}"));
        assertEquals(3, ok(200, notes(BIA, id)).path("notes").size(), "a closed ticket takes notes too");
    }

    @Test
    void aBadNoteIsRefusedNamingTheFieldAndChangesNothing() {
        String id = customerWrote("5511977770008", "wamid.E8", Duration.ofMinutes(20));
        List<List<String>> before = tables();

        assertError(401, "unauthenticated", addNote(null, id, "{\"text\":\"oi\"}"));
        assertError(401, "unauthenticated", notes(null, id));
        assertError(403, "not_an_agent", addNote(STRANGER, id, "{\"text\":\"oi\"}"));
        assertError(403, "not_an_agent", notes(STRANGER, id));
        assertError(404, "unknown_ticket", addNote(BIA, UNKNOWN_TICKET, "{\"text\":\"oi\"}"));
        assertError(404, "unknown_ticket", notes(BIA, UNKNOWN_TICKET));
        assertError(404, "unknown_ticket", notes(BIA, "not-a-ticket"));
        assertError(400, "invalid_request", "text", addNote(BIA, id, "{}"));
        assertError(400, "invalid_request", "text", addNote(BIA, id, "{\"text\":\"   \"}"));
        assertError(400, "invalid_request", "text", addNote(BIA, id, "{\"text\":\"" + "a".repeat(4097) + "\"}"));
        assertError(400, "invalid_request", "text", addNote(BIA, id, "{\"text\":[\"oi\"]}"));
        assertError(400, "invalid_request", "private", addNote(BIA, id, "{\"text\":\"oi\",\"private\":true}"));

        assertEquals(before, tables());
        assertEquals(0, ok(200, notes(BIA, id)).path("notes").size());
    }

    @Test
    void aDefaultAgentIsSetAsTheDirectorySpellsItAndClearedWithNull() {
        String waId = "5511977770009";
        customerWrote(waId, "wamid.E9", Duration.ofMinutes(20));

        JsonNode contact = ok(200, putContact(BIA, waId, "{\"defaultAgent\":\"CAIO@desk.example\",\"broadcastOptOut\":true}"));

        assertEquals(CAIO, contact.path("defaultAgent").asText());
        assertTrue(contact.path("broadcastOptOut").asBoolean());
        assertFalse(contact.path("blocked").asBoolean());
        Map<String, AttributeValue> profile = dynamo.getItem(request -> request.tableName(config.tables().contacts())
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS("C#" + TestContacts.key(waId).id()),
                        "sk", AttributeValue.fromS("PROFILE")))).item();
        assertEquals(BIA, profile.get("flagsUpdatedBy").s());
        assertTrue(profile.containsKey("flagsUpdatedAt"));

        JsonNode cleared = ok(200, putContact(CAIO, waId, "{\"defaultAgent\":null,\"broadcastOptOut\":false}"));

        assertTrue(cleared.path("defaultAgent").isNull(), cleared.toString());
        assertFalse(cleared.path("broadcastOptOut").asBoolean());
    }

    @Test
    void blockingClosesNothingButStopsSendsAndTicketsUntilUnblocked() {
        String waId = "5511977770010";
        ContactKey key = TestContacts.key(waId);
        String id = customerWrote(waId, "wamid.E10", Duration.ofMinutes(30));
        Instant lastInbound = stored(id).lastInboundAt();

        JsonNode blocked = ok(200, putContact(BIA, waId, "{\"blocked\":true}"));

        assertTrue(blocked.path("blocked").asBoolean());
        assertEquals(id, blocked.path("openTicket").path("id").asText(), "the open ticket stays, in sight");
        assertEquals("WAITING", blocked.path("openTicket").path("status").asText());
        SendService.SendResult refused = sends.send(new SendService.SendCommand(BIA, PHONE_NUMBER_ID, new CustomerId.WaId(waId), new OutboundContent.Text("Oi"),
                Optional.empty()));
        assertEquals("contact_blocked", assertInstanceOf(SendService.Refused.class, refused).refusal().code());
        customerWrote(waId, "wamid.E10b", Duration.ofMinutes(10));
        assertEquals(lastInbound, stored(id).lastInboundAt(), "a blocked contact's message joins no ticket");
        meta.verify(0, anyRequestedFor(anyUrl()));

        JsonNode unblocked = ok(200, putContact(BIA, waId, "{\"blocked\":false}"));

        assertFalse(unblocked.path("blocked").asBoolean());
        assertInstanceOf(SendService.Sent.class, sends.send(new SendService.SendCommand(BIA, PHONE_NUMBER_ID, new CustomerId.WaId(waId),
                new OutboundContent.Text("Oi, Ana"), Optional.empty())));
        customerWrote(waId, "wamid.E10c", Duration.ofMinutes(1));
        assertTrue(stored(id).lastInboundAt().isAfter(lastInbound), "her messages reach the ticket again");
        assertEquals(TicketStatus.OPEN, stored(id).status());
    }

    @Test
    void aBadContactChangeIsRefusedNamingTheFieldAndChangesNothing() {
        String waId = "5511977770011";
        customerWrote(waId, "wamid.E11", Duration.ofMinutes(20));
        List<List<String>> before = tables();

        assertError(401, "unauthenticated", putContact(null, waId, "{\"blocked\":true}"));
        assertError(403, "not_an_agent", putContact(STRANGER, waId, "{\"blocked\":true}"));
        assertError(404, "unknown_contact", putContact(BIA, "5511977770099", "{\"blocked\":true}"));
        assertError(404, "unknown_contact", putContact(BIA, "BR.2291000000000000099", "{\"blocked\":true}"));
        assertError(400, "invalid_request", "ref", putContact(BIA, "not-a-number", "{\"blocked\":true}"));
        assertError(400, "invalid_request", "ref", putContact(BIA, "BR.ENT.2291000000000000099", "{\"blocked\":true}"));
        assertError(400, "invalid_request", "blocked", putContact(BIA, waId, "{}"));
        assertError(400, "invalid_request", "blocked", putContact(BIA, waId, "{\"blocked\":\"yes\"}"));
        assertError(400, "invalid_request", "broadcastOptOut", putContact(BIA, waId, "{\"broadcastOptOut\":1}"));
        assertError(400, "invalid_request", "defaultAgent", putContact(BIA, waId, "{\"defaultAgent\":\"caio\"}"));
        assertError(400, "invalid_request", "name", putContact(BIA, waId, "{\"blocked\":true,\"name\":\"Ana\"}"));
        assertError(400, "unknown_agent", "defaultAgent", putContact(BIA, waId, "{\"defaultAgent\":\"zeca@else.example\"}"));

        assertEquals(before, tables());
    }

    @Test
    void aContactKnownOnlyByItsUserIdIsBlockedAndUnblockedByItAsOneKnownByPhone() {
        String user = "BR.2291000000000000013";
        String id = customerWrote(Who.user(user).username("dora.dev"), user, "wamid.E13", Duration.ofMinutes(30));
        Instant lastInbound = stored(id).lastInboundAt();

        JsonNode blocked = ok(200, putContact(BIA, user, "{\"blocked\":true}"));

        assertTrue(blocked.path("blocked").asBoolean());
        assertEquals(user, blocked.path("userId").asText());
        assertTrue(blocked.path("waId").isNull(), blocked.toString());
        assertEquals(id, blocked.path("openTicket").path("id").asText(), "the open ticket stays, in sight");
        SendService.SendResult refused = sends.send(new SendService.SendCommand(BIA, PHONE_NUMBER_ID, new CustomerId.Bsuid(user),
                new OutboundContent.Text("Oi"), Optional.empty()));
        assertEquals("contact_blocked", assertInstanceOf(SendService.Refused.class, refused).refusal().code());
        customerWrote(Who.user(user), user, "wamid.E13b", Duration.ofMinutes(10));
        assertEquals(lastInbound, stored(id).lastInboundAt(), "a blocked contact's message joins no ticket");
        meta.verify(0, anyRequestedFor(anyUrl()));

        ok(200, putContact(BIA, user, "{\"blocked\":false}"));

        assertInstanceOf(SendService.Sent.class, sends.send(new SendService.SendCommand(BIA, PHONE_NUMBER_ID,
                new CustomerId.Bsuid(user), new OutboundContent.Text("Oi, Dora"), Optional.empty())));
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.recipient", equalTo(user)))
                .withRequestBody(notContaining("\"to\"")));
        customerWrote(Who.user(user), user, "wamid.E13c", Duration.ofMinutes(1));
        assertTrue(stored(id).lastInboundAt().isAfter(lastInbound), "her messages reach the ticket again");
    }

    @Test
    void aDefaultAgentSetByUserIdTakesThatContactsTicketsInTheirDepartment() {
        String user = "BR.2291000000000000014";
        String id = customerWrote(Who.user(user), user, "wamid.E14", Duration.ofMinutes(5));

        JsonNode flagged = ok(200, putContact(CAIO, user, "{\"defaultAgent\":\"" + BIA + "\",\"broadcastOptOut\":true}"));

        assertEquals(BIA, flagged.path("defaultAgent").asText());
        assertTrue(flagged.path("broadcastOptOut").asBoolean());
        assertEquals(flagged, body(MockLambda.invoke(HttpApiEvents.get("/numbers/{phoneNumberId}/contacts/{ref}",
                "/numbers/" + PHONE_NUMBER_ID + "/contacts/" + user, Map.of(), Map.of("phoneNumberId", PHONE_NUMBER_ID, "ref", user)))));
        Map<String, AttributeValue> profile = dynamo.getItem(request -> request.tableName(config.tables().contacts())
                .consistentRead(true).key(TestContacts.itemKey(TestContacts.key(user), "PROFILE"))).item();
        assertEquals(CAIO, profile.get("flagsUpdatedBy").s());
        team.putDefaultDepartment(Optional.of("billing"), "admin@desk.example", Instant.now());
        try {
            Assigner.Assigned given = assertInstanceOf(Assigner.Assigned.class,
                    assigner.assignTicket(TestContacts.key(user), new TicketId(id)));

            assertEquals(BIA, given.agent());
            assertEquals(AssignmentRules.Reason.DEFAULT_AGENT, given.reason(), "not the department's strategy");
        } finally {
            team.putDefaultDepartment(Optional.empty(), "admin@desk.example", Instant.now());
        }
        assertEquals(Optional.of(BIA), stored(id).agent());
    }

    @Test
    void theContactFlagsAnswerIsTheContactAsItReadsBack() {
        String waId = "5511977770012";
        customerWrote(waId, "wamid.E12", Duration.ofMinutes(20));

        JsonNode answer = ok(200, putContact(BIA, waId, "{\"defaultAgent\":\"" + BIA + "\"}"));

        JsonNode read = body(MockLambda.invoke(HttpApiEvents.get("/numbers/{phoneNumberId}/contacts/{ref}",
                "/numbers/" + PHONE_NUMBER_ID + "/contacts/" + waId, Map.of(), Map.of("phoneNumberId", PHONE_NUMBER_ID, "ref", waId))));
        assertEquals(read, answer);
        assertEquals(BIA, read.path("defaultAgent").asText());
    }
}
