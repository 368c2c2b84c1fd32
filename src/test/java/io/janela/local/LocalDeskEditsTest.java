package io.janela.local;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.functions.webhook.WebhookSignature;
import io.janela.config.JanelaConfig;
import io.janela.support.TestContacts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The desk's changes by hand in local mode, over HTTP as a desk and Meta would make them: a blocked
 * contact's ticket stays in sight while nothing is sent to them and their messages open or join no
 * ticket; unblocked, both work again, and the reply takes the ticket.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(LocalModeProfile.class)
class LocalDeskEditsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BIA = "bia@desk.example";
    private static final String WA_ID = "5511933339001";

    @Inject
    LocalMode localMode;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder as(String agent, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + localMode.port() + path))
                .header(LocalGateway.AGENT_HEADER, agent);
        return agent.startsWith("admin@") ? request.header(LocalGateway.GROUPS_HEADER, "janela-admins") : request;
    }

    private void customerWrote(String wamid, Instant at) throws Exception {
        byte[] body = notification().text(WA_ID, "Dora", wamid, at, "Oi, preciso de ajuda").bytes();
        HttpResponse<String> delivered = send(HttpRequest.newBuilder(URI.create("http://localhost:" + localMode.port() + "/webhook"))
                .header("X-Hub-Signature-256", new WebhookSignature(LocalModeConfig.LOCAL_APP_SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(200, delivered.statusCode(), delivered.body());
    }

    private JsonNode contact() throws Exception {
        return JSON.readTree(send(as(BIA, "/numbers/" + PHONE_NUMBER_ID + "/contacts/" + WA_ID)).body());
    }

    private HttpResponse<String> putContact(String body) throws Exception {
        return send(as(BIA, "/numbers/" + PHONE_NUMBER_ID + "/contacts/" + WA_ID).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> reply(String text) throws Exception {
        return send(as(BIA, "/messages").POST(HttpRequest.BodyPublishers.ofString(
                "{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"waId\":\"" + WA_ID + "\",\"text\":\"" + text + "\"}")));
    }

    private Map<String, AttributeValue> inbound(String wamid) {
        return dynamo.getItem(request -> request.tableName(config.tables().contacts()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("C#" + TestContacts.key(WA_ID).id()),
                "sk", AttributeValue.fromS("IN#" + wamid)))).item();
    }

    @Test
    void aBlockedContactsTicketStaysInSightWhileNothingGoesToThemAndTheirMessagesReachNoTicket() throws Exception {
        assertEquals(200, send(as("admin@desk.example", "/agents/" + BIA)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bia\"}"))).statusCode());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        customerWrote("wamid.LB1", now.minus(Duration.ofMinutes(10)));
        String ticket = contact().path("openTicket").path("id").asText();

        HttpResponse<String> blocked = putContact("{\"blocked\":true}");

        assertEquals(200, blocked.statusCode(), blocked.body());
        assertTrue(JSON.readTree(blocked.body()).path("blocked").asBoolean());
        assertEquals(ticket, JSON.readTree(blocked.body()).path("openTicket").path("id").asText());
        HttpResponse<String> refused = reply("Oi Dora");
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("contact_blocked", JSON.readTree(refused.body()).path("error").asText());
        customerWrote("wamid.LB2", now.minus(Duration.ofMinutes(5)));
        assertFalse(inbound("wamid.LB2").containsKey("ticket"), "stored, on no ticket: " + inbound("wamid.LB2"));
        JsonNode whileBlocked = contact();
        assertEquals(now.minus(Duration.ofMinutes(10)),
                Instant.parse(whileBlocked.path("openTicket").path("lastInboundAt").asText()), whileBlocked.toString());
        assertEquals("WAITING", whileBlocked.path("openTicket").path("status").asText());

        HttpResponse<String> unblocked = putContact("{\"blocked\":false}");

        assertEquals(200, unblocked.statusCode(), unblocked.body());
        assertEquals(201, reply("Oi Dora, desculpe a demora").statusCode());
        customerWrote("wamid.LB3", now.minus(Duration.ofMinutes(1)));
        assertEquals(ticket, inbound("wamid.LB3").get("ticket").s());
        JsonNode after = contact().path("openTicket");
        assertEquals("OPEN", after.path("status").asText(), after.toString());
        assertEquals(BIA, after.path("agent").asText(), "the reply took the ticket");

        HttpResponse<String> note = send(as(BIA, "/tickets/" + ticket + "/notes")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Cliente desbloqueada após contato\"}")));
        assertEquals(201, note.statusCode(), note.body());
        JsonNode notes = JSON.readTree(send(as(BIA, "/tickets/" + ticket + "/notes")).body());
        assertEquals("Cliente desbloqueada após contato", notes.path("notes").get(0).path("text").asText());
    }
}
