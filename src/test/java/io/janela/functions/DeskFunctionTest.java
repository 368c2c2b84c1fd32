package io.janela.functions;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.ingest.WebhookIngest;
import io.janela.support.HttpApiEvents;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.MetaPayloads;
import io.janela.support.MetaPayloads.Who;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class DeskFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;

    private void customerWrote(String waId, String wamid, Duration ago) {
        customerWrote(Who.phone(waId), wamid, ago);
    }

    private void customerWrote(Who who, String wamid, Duration ago) {
        Instant sent = Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS);
        MetaPayloads payload = notification().text(who, "Ana Souza", wamid, sent, "Oi");
        ingest.apply(parser.parse(payload.bytes(), Instant.now()));
    }

    /** {@code ref}: the customer's phone number or business-scoped user id. */
    private static JsonNode getContact(String phoneNumberId, String ref) {
        return MockLambda.invoke(HttpApiEvents.get("/numbers/{phoneNumberId}/contacts/{ref}",
                "/numbers/" + phoneNumberId + "/contacts/" + ref, Map.of(),
                Map.of("phoneNumberId", phoneNumberId, "ref", ref)));
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
        assertEquals("5511922220001", contact.path("waId").asText());
        for (String unknown : List.of("userId", "parentUserId", "username")) {
            assertTrue(contact.path(unknown).isNull(), unknown + " is written, null while Meta has not named it: " + contact);
        }
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
        assertTrue(ticket.path("contact").path("userId").isNull(), ticket.toString());
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
    void aContactReadsTheSameByItsPhoneAndByItsBusinessScopedUserId() {
        Who ana = Who.both("5511922220005", "BR.2291000000000000005").username("ana.souza")
                .parent("BR.ENT.2291000000000000099");
        customerWrote(ana, "wamid.D5", Duration.ofMinutes(5));

        JsonNode byPhone = getContact(PHONE_NUMBER_ID, "5511922220005");
        JsonNode byUserId = getContact(PHONE_NUMBER_ID, "BR.2291000000000000005");

        assertEquals(200, byPhone.path("statusCode").asInt(), byPhone.toString());
        assertEquals(body(byPhone), body(byUserId), "one contact, whichever id names it");
        JsonNode contact = body(byPhone);
        assertEquals(PHONE_NUMBER_ID, contact.path("phoneNumberId").asText());
        assertEquals("5511922220005", contact.path("waId").asText());
        assertEquals("BR.2291000000000000005", contact.path("userId").asText());
        assertEquals("BR.ENT.2291000000000000099", contact.path("parentUserId").asText());
        assertEquals("ana.souza", contact.path("username").asText());
        String key = contact.path("contactKey").asText();
        assertTrue(key.matches("k[0-9a-f]{24}"), key);
        JsonNode ticket = contact.path("openTicket");
        assertEquals(key.substring(1), ticket.path("id").asText().substring(1, 25), "a ticket id carries its contact's key");
        assertEquals(List.of(PHONE_NUMBER_ID, key, "5511922220005", "BR.2291000000000000005", "BR.ENT.2291000000000000099",
                "ana.souza", "Ana Souza"), fields(ticket.path("contact"), "phoneNumberId", "contactKey", "waId", "userId",
                "parentUserId", "username", "name"), "the ticket names its contact as the message that opened it did");
        assertEquals(ticket, body(getTicket(ticket.path("id").asText())));
    }

    @Test
    void aCustomerKnownOnlyByBusinessScopedUserIdReadsWithNoPhone() {
        customerWrote(Who.user("BR.2291000000000000006").username("@bia.lima"), "wamid.D6", Duration.ofMinutes(5));

        JsonNode response = getContact(PHONE_NUMBER_ID, "BR.2291000000000000006");

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        JsonNode contact = body(response);
        assertTrue(contact.path("waId").isNull(), "never a BSUID as a phone: " + contact);
        assertEquals("BR.2291000000000000006", contact.path("userId").asText());
        assertTrue(contact.path("parentUserId").isNull(), contact.toString());
        assertEquals("bia.lima", contact.path("username").asText(), "a username is shown without Meta's old '@'");
        assertEquals("OPEN", contact.path("window").path("state").asText());
        JsonNode ticketContact = contact.path("openTicket").path("contact");
        assertEquals("WAITING", contact.path("openTicket").path("status").asText());
        assertTrue(ticketContact.path("waId").isNull(), ticketContact.toString());
        assertEquals("BR.2291000000000000006", ticketContact.path("userId").asText());
        assertEquals("bia.lima", ticketContact.path("username").asText());
        assertEquals(contact.path("contactKey"), ticketContact.path("contactKey"));
    }

    @Test
    void unknownContactsAndTicketsAre404() {
        for (String ref : List.of("5511900000000", "BR.9999999999999999999")) {
            JsonNode contact = getContact(PHONE_NUMBER_ID, ref);
            assertEquals(404, contact.path("statusCode").asInt(), ref);
            assertEquals("unknown_contact", body(contact).path("error").asText(), ref);
        }
        customerWrote("5511922220007", "wamid.D7", Duration.ofMinutes(5));
        assertEquals(404, getContact("106540352242999", "5511922220007").path("statusCode").asInt(),
                "a contact is one customer of one business number");
        for (String id : List.of("t0000000000000000000000000000000000", "t000000000000000000000000", "not-a-ticket")) {
            JsonNode ticket = getTicket(id);
            assertEquals(404, ticket.path("statusCode").asInt(), id);
            assertEquals("unknown_ticket", body(ticket).path("error").asText(), id);
        }
    }

    @Test
    void aRefThatIsNeitherAPhoneNorABusinessScopedUserIdIs400() {
        for (String ref : List.of("ana@example.com", "+5511922220001", "br.2291000000000000005", "BR.ENT.2291000000000000099",
                "BR." + "1".repeat(129), "ana.souza")) {
            JsonNode response = getContact(PHONE_NUMBER_ID, ref);
            assertEquals(400, response.path("statusCode").asInt(), ref + ": " + response);
            assertEquals("invalid_request", body(response).path("error").asText());
            assertTrue(body(response).path("message").asText().startsWith("ref"), body(response).toString());
        }
        JsonNode badNumber = getContact("the-shop", "5511922220001");
        assertEquals(400, badNumber.path("statusCode").asInt());
        assertTrue(body(badNumber).path("message").asText().startsWith("phoneNumberId"), body(badNumber).toString());
    }

    private static List<String> fields(JsonNode node, String... names) {
        return Stream.of(names).map(name -> node.path(name).asText()).toList();
    }
}
