package io.janela.functions;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.adapters.meta.WebhookParser;
import io.janela.application.WebhookIngest;
import io.janela.support.HttpApiEvents;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.MetaPayloads;
import io.janela.support.MockLambda;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class DeskFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;

    private void customerWrote(String waId, String wamid, Duration ago) {
        Instant sent = Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS);
        MetaPayloads payload = notification().text(waId, "Ana Souza", wamid, sent, "Oi");
        ingest.apply(parser.parse(payload.bytes(), Instant.now()));
    }

    private static JsonNode getContact(String phoneNumberId, String waId) {
        return MockLambda.invoke(HttpApiEvents.get("/numbers/{phoneNumberId}/contacts/{waId}",
                "/numbers/" + phoneNumberId + "/contacts/" + waId, Map.of(),
                Map.of("phoneNumberId", phoneNumberId, "waId", waId)));
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

    @Test
    void aContactReadsWithItsWindowOpenTicketAndFlags() {
        customerWrote("5511922220001", "wamid.D1", Duration.ofHours(1));

        JsonNode response = getContact(PHONE_NUMBER_ID, "5511922220001");
        assertEquals(200, response.path("statusCode").asInt());
        assertEquals("application/json", response.path("headers").path("content-type").asText());
        JsonNode contact = body(response);
        assertEquals("Ana Souza", contact.path("name").asText());
        assertEquals("OPEN", contact.path("window").path("state").asText());
        Instant last = Instant.parse(contact.path("window").path("lastInboundAt").asText());
        assertEquals(last.plus(Duration.ofHours(24)), Instant.parse(contact.path("window").path("closesAt").asText()));
        assertEquals(false, contact.path("blocked").asBoolean(true));
        assertEquals(false, contact.path("broadcastOptOut").asBoolean(true));

        JsonNode ticket = contact.path("openTicket");
        assertEquals("WAITING", ticket.path("status").asText());
        assertTrue(ticket.path("protocol").asText().matches("\\d{8}-\\d{6}"), ticket.toString());
        assertEquals(last, Instant.parse(ticket.path("openedAt").asText()));
    }

    @Test
    void theWindowStateFollowsTheClock() {
        customerWrote("5511922220002", "wamid.D2", Duration.ofHours(23).plusMinutes(50));
        customerWrote("5511922220003", "wamid.D3", Duration.ofHours(30));

        assertEquals("EXPIRING", body(getContact(PHONE_NUMBER_ID, "5511922220002")).path("window").path("state").asText());
        assertEquals("EXPIRED", body(getContact(PHONE_NUMBER_ID, "5511922220003")).path("window").path("state").asText());
    }

    @Test
    void aTicketReadsById() {
        customerWrote("5511922220004", "wamid.D4", Duration.ofMinutes(5));
        String id = body(getContact(PHONE_NUMBER_ID, "5511922220004")).path("openTicket").path("id").asText();

        JsonNode response = getTicket(id);
        assertEquals(200, response.path("statusCode").asInt());
        JsonNode ticket = body(response);
        assertEquals(id, ticket.path("id").asText());
        assertEquals("WAITING", ticket.path("status").asText());
        assertEquals("5511922220004", ticket.path("contact").path("waId").asText());
        assertEquals(PHONE_NUMBER_ID, ticket.path("contact").path("phoneNumberId").asText());
        assertEquals(ticket.path("openedAt"), ticket.path("lastInboundAt"));
    }

    @Test
    void theDeskSampleEventsReadWhatTheWebhookSampleCreates() throws IOException {
        JsonNode sample = JSON.readTree(Files.readString(Path.of("functions/webhook/events/message-text.json")));
        ingest.apply(parser.parse(sample.path("body").asText().getBytes(StandardCharsets.UTF_8), Instant.now()));

        JsonNode contact = MockLambda.invoke(Files.readString(Path.of("functions/desk/events/get-contact.json")));
        assertEquals(200, contact.path("statusCode").asInt());
        assertEquals("Ana Souza", body(contact).path("name").asText());
        JsonNode ticket = MockLambda.invoke(Files.readString(Path.of("functions/desk/events/get-ticket.json")));
        assertEquals(200, ticket.path("statusCode").asInt());
        assertEquals(body(contact).path("openTicket").path("id"), body(ticket).path("id"));
    }

    @Test
    void unknownContactsAndTicketsAre404() {
        JsonNode contact = getContact(PHONE_NUMBER_ID, "5511900000000");
        assertEquals(404, contact.path("statusCode").asInt());
        assertEquals("unknown_contact", body(contact).path("error").asText());
        assertEquals(404, getTicket("t000000000000000000000000").path("statusCode").asInt());
        assertEquals("unknown_ticket", body(getTicket("not-a-ticket")).path("error").asText());
    }

    @Test
    void aMalformedContactKeyIs400() {
        JsonNode response = getContact(PHONE_NUMBER_ID, "ana@example.com");
        assertEquals(400, response.path("statusCode").asInt());
        assertTrue(body(response).path("message").asText().contains("waId"));
    }
}
