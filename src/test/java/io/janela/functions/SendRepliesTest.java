package io.janela.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import io.janela.support.TestContacts;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.contacts.ContactStore;
import io.janela.application.desk.TicketEditor;
import io.janela.application.desk.TicketEditStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketStatus;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MockLambda;
import io.janela.support.TableSnapshot;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What an agent's reply through {@code POST /messages} does to the ticket it answers, driven by HTTP
 * API events through the mock event server with WireMock as Meta; and a contact the desk blocks
 * gets nothing through it until unblocked.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(SendProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class SendRepliesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";
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
    TicketEditor desk;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    @BeforeEach
    void teamAndMeta() {
        meta.resetAll();
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"5511955550001","wa_id":"5511955550001"}],
                 "messages":[{"id":"wamid.HBgNNTUxMTk1NTU1MDAwMRUCABEYEjQ1"}]}""")));
        directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, false));
        directory.putAgent(new Agent(CAIO, "Caio", AgentStatus.ONLINE, false));
    }

    private Ticket customerWrote(String waId, String wamid, Duration ago) {
        Instant sent = Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS);
        ingest.apply(parser.parse(notification().text(waId, "Ana", wamid, sent, "Oi").bytes(), Instant.now()));
        return openTicket(waId);
    }

    private Ticket openTicket(String waId) {
        return contacts.findContact(TestContacts.key(waId)).orElseThrow().openTicket().orElseThrow();
    }

    private static JsonNode reply(String caller, String waId, String text) {
        return MockLambda.invoke(HttpApiEvents.withCaller(HttpApiEvents.json("POST", "/messages", "/messages", Map.of(),
                "{\"phoneNumberId\":\"%s\",\"waId\":\"%s\",\"text\":\"%s\"}".formatted(PHONE_NUMBER_ID, waId, text)), caller));
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError(response.toString(), e);
        }
    }

    private List<List<String>> tables() {
        return List.of(TableSnapshot.of(dynamo, config.tables().contacts()), TableSnapshot.of(dynamo, config.tables().directory()));
    }

    @Test
    void theFirstAgentToReplyTakesAnUnassignedTicketAndTheNextReplyDoesNotTakeItAway() {
        Ticket waiting = customerWrote("5511955550001", "wamid.R1", Duration.ofMinutes(12));
        assertEquals(TicketStatus.WAITING, waiting.status());
        assertTrue(waiting.unansweredSince().isPresent());

        assertEquals(201, reply(BIA, "5511955550001", "Oi Ana, é a Bia").path("statusCode").asInt());

        Ticket taken = openTicket("5511955550001");
        assertEquals(TicketStatus.OPEN, taken.status());
        assertEquals(Optional.of(BIA), taken.agent());
        assertEquals(Optional.empty(), taken.unansweredSince(), "the timer stopped");

        customerWrote("5511955550001", "wamid.R2", Duration.ofMinutes(2));
        assertTrue(openTicket("5511955550001").unansweredSince().isPresent(), "and runs again");
        assertEquals(201, reply(CAIO, "5511955550001", "Oi Ana, é o Caio").path("statusCode").asInt());

        Ticket after = openTicket("5511955550001");
        assertEquals(Optional.of(BIA), after.agent(), "Bia's ticket stays Bia's");
        assertEquals(Optional.empty(), after.unansweredSince(), "Caio's reply answers Ana all the same");
        assertEquals(Optional.of(BIA), contacts.findContact(after.contact()).orElseThrow().profile().lastAgent());
        meta.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aNoteLeavesTheTimerRunningAndAReplyStopsIt() {
        Ticket waiting = customerWrote("5511955550002", "wamid.R3", Duration.ofMinutes(20));

        assertInstanceOf(TicketEditor.NoteAdded.class,
                desk.addNote(new TicketEditor.NoteCommand(CAIO, waiting.id(), "Verificar a nota fiscal")));

        assertEquals(waiting, openTicket("5511955550002"), "a note changes nothing on the ticket");
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));

        assertEquals(201, reply(CAIO, "5511955550002", "Oi Ana, vou verificar").path("statusCode").asInt());
        assertEquals(Optional.empty(), openTicket("5511955550002").unansweredSince());
    }

    @Test
    void aRefusedReplyChangesNothing() {
        customerWrote("5511955550003", "wamid.R4", Duration.ofHours(25));
        List<List<String>> before = tables();

        JsonNode refused = reply(BIA, "5511955550003", "Oi?");

        assertEquals(409, refused.path("statusCode").asInt(), refused.toString());
        assertEquals("window_closed", body(refused).path("error").asText());
        assertEquals(before, tables());
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aBlockedContactGetsNothingUntilTheDeskUnblocksThem() {
        String phone = "5511955550004";
        ContactKey key = TestContacts.key(phone);
        Ticket open = customerWrote(phone, "wamid.R5", Duration.ofMinutes(5));
        assertInstanceOf(TicketEditor.ContactSaved.class, desk.setFlags(new TicketEditor.FlagsCommand(BIA, key,
                new TicketEditStore.ContactFlags(Optional.of(true), Optional.empty(), Optional.empty()))));
        List<List<String>> before = tables();

        JsonNode refused = reply(BIA, phone, "Oi Ana");

        assertEquals(403, refused.path("statusCode").asInt(), refused.toString());
        assertEquals("contact_blocked", body(refused).path("error").asText());
        assertEquals(before, tables(), "nothing sent, nothing taken over");
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));

        desk.setFlags(new TicketEditor.FlagsCommand(BIA, key,
                new TicketEditStore.ContactFlags(Optional.of(false), Optional.empty(), Optional.empty())));

        assertEquals(201, reply(BIA, phone, "Oi Ana").path("statusCode").asInt());
        assertEquals(Optional.of(BIA), openTicket(phone).agent());
        assertEquals(open.id(), openTicket(phone).id());
    }
}
