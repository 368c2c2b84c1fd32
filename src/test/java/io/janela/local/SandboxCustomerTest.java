package io.janela.local;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Local mode plays a customer: {@code POST /sandbox/customer-messages} over HTTP, and what the
 * webhook made of Meta's notification read back from the desk's routes and from DynamoDB Local.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(LocalModeProfile.class)
class SandboxCustomerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LocalMode localMode;
    @Inject
    JanelaConfig config;
    @Inject
    DynamoDbClient dynamo;

    private URI uri(String path) {
        return URI.create("http://localhost:" + localMode.port() + path);
    }

    private HttpResponse<String> customerWrites(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/sandbox/customer-messages"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> contact(String ref) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/numbers/" + PHONE_NUMBER_ID + "/contacts/" + ref)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, AttributeValue> inbound(String ref, String wamid) {
        ContactKey contact = TestContacts.key(dynamo, config.tables().contacts(), ref);
        return dynamo.getItem(request -> request.tableName(config.tables().contacts())
                .key(TestContacts.itemKey(contact, "IN#" + wamid)).consistentRead(true)).item();
    }

    @Test
    void aCustomerWritesByPhoneAndTheWebhookOpensTheirTicketNow() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> written = customerWrites("{\"phoneNumberId\":\"" + PHONE_NUMBER_ID
                + "\",\"waId\":\"5511933350001\",\"name\":\"Ana Souza\",\"text\":\"Oi, meu pedido não chegou\"}");

        assertEquals(200, written.statusCode(), written.body());
        JsonNode answer = JSON.readTree(written.body());
        String wamid = answer.path("wamid").asText();
        assertTrue(wamid.startsWith("wamid."), answer.toString());
        Instant at = Instant.parse(answer.path("at").asText());
        assertEquals(at.truncatedTo(ChronoUnit.SECONDS), at, "Meta's timestamps are whole seconds");
        assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now()), at + " is now");
        assertEquals(200, answer.path("webhook").path("status").asInt(), answer.toString());
        assertEquals("ok", answer.path("webhook").path("body").asText());

        JsonNode contact = JSON.readTree(contact("5511933350001").body());
        assertEquals("Ana Souza", contact.path("name").asText(), contact.toString());
        assertEquals(at, Instant.parse(contact.path("openTicket").path("lastInboundAt").asText()), contact.toString());
        Map<String, AttributeValue> message = inbound("5511933350001", wamid);
        assertEquals("text", message.get("type").s(), message.toString());
        assertEquals(at.getEpochSecond(), Long.parseLong(message.get("sentAt").n()));
    }

    @Test
    void aCustomerKnownByTheirBusinessScopedUserIdAloneWritesWithTheirUsername() throws Exception {
        HttpResponse<String> written = customerWrites("{\"phoneNumberId\":\"" + PHONE_NUMBER_ID
                + "\",\"userId\":\"US.13491208655302741950\",\"username\":\"sheena.n\",\"name\":\"Sheena\",\"text\":\"Oi\"}");

        assertEquals(200, written.statusCode(), written.body());
        JsonNode contact = JSON.readTree(contact("US.13491208655302741950").body());
        assertEquals("US.13491208655302741950", contact.path("userId").asText(), contact.toString());
        assertEquals("sheena.n", contact.path("username").asText(), contact.toString());
        assertTrue(contact.path("waId").isNull(), "no phone was shared: " + contact);
        assertEquals("WAITING", contact.path("openTicket").path("status").asText(), contact.toString());
    }

    @Test
    void aMessageWrittenInThePastIsDatedThenToTheSecond() throws Exception {
        Instant at = Instant.now().minus(Duration.ofMinutes(23 * 60 + 30)).truncatedTo(ChronoUnit.MILLIS);
        HttpResponse<String> written = customerWrites("{\"phoneNumberId\":\"" + PHONE_NUMBER_ID
                + "\",\"waId\":\"5511933350003\",\"text\":\"Ainda estão aí?\",\"at\":\"" + at + "\"}");

        assertEquals(200, written.statusCode(), written.body());
        Instant dated = at.truncatedTo(ChronoUnit.SECONDS);
        assertEquals(dated, Instant.parse(JSON.readTree(written.body()).path("at").asText()));
        JsonNode contact = JSON.readTree(contact("5511933350003").body());
        assertEquals(dated, Instant.parse(contact.path("openTicket").path("lastInboundAt").asText()), contact.toString());
        assertEquals(dated.plus(Duration.ofHours(24)), Instant.parse(contact.path("window").path("closesAt").asText()),
                contact.toString());
    }

    /** The walkthrough can be followed twice: the same request is a new message every time, never a duplicate. */
    @Test
    void theSameRequestTwiceIsTwoMessagesEachWithItsOwnWamid() throws Exception {
        String body = "{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"waId\":\"5511933350004\",\"text\":\"Olá?\"}";

        String first = JSON.readTree(customerWrites(body).body()).path("wamid").asText();
        String second = JSON.readTree(customerWrites(body).body()).path("wamid").asText();

        assertNotEquals(first, second);
        assertEquals("text", inbound("5511933350004", first).get("type").s());
        assertEquals("text", inbound("5511933350004", second).get("type").s());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"waId\":\"5511933359001\",\"text\":\"Oi\",\"txt\":\"Oi\"}                       | txt",
            "{\"waId\":\"5511933359001\"}                                                     | text",
            "{\"waId\":\"5511933359001\",\"text\":\" \"}                                        | text",
            "{\"waId\":\"5511933359001\",\"text\":7}                                          | text",
            "{\"text\":\"Oi\"}                                                                 | waId or userId",
            "{\"waId\":\"+5511933359001\",\"text\":\"Oi\"}                                     | waId",
            "{\"userId\":\"5511933359001\",\"text\":\"Oi\"}                                    | userId",
            "{\"waId\":\"5511933359001\",\"username\":\"ana souza\",\"text\":\"Oi\"}             | username",
            "{\"waId\":\"5511933359001\",\"name\":\"\",\"text\":\"Oi\"}                         | name",
            "{\"waId\":\"5511933359001\",\"text\":\"Oi\",\"at\":\"yesterday\"}                  | at",
            "{\"waId\":\"5511933359001\",\"text\":\"Oi\",\"at\":\"2999-01-01T00:00:00Z\"}       | at",
            "{\"waId\":\"5511933359001\",\"text\":\"Oi\",\"at\":\"2020-01-01T00:00:00Z\"}       | at",
    })
    void aBadBodyIsRefusedNamingTheFieldAndNoMessageIsFed(String fields, String named) throws Exception {
        HttpResponse<String> refused = customerWrites("{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\","
                + fields.strip().substring(1));

        assertRefused(refused, named);
    }

    @Test
    void oversizedStringsAndABadBusinessNumberAreRefused() throws Exception {
        assertRefused(customerWrites("{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"waId\":\"5511933359001\",\"text\":\""
                + "a".repeat(4097) + "\"}"), "text");
        assertRefused(customerWrites("{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"waId\":\"5511933359001\",\"name\":\""
                + "a".repeat(257) + "\",\"text\":\"Oi\"}"), "name");
        assertRefused(customerWrites("{\"phoneNumberId\":\"1065-4035\",\"waId\":\"5511933359001\",\"text\":\"Oi\"}"),
                "phoneNumberId");
        assertRefused(customerWrites("[]"), "JSON object");
    }

    private void assertRefused(HttpResponse<String> refused, String named) throws Exception {
        assertEquals(400, refused.statusCode(), refused.body());
        JsonNode error = JSON.readTree(refused.body());
        assertEquals("invalid_request", error.path("error").asText(), error.toString());
        assertTrue(error.path("message").asText().contains(named), error + " names " + named);
        assertEquals(404, contact("5511933359001").statusCode(), "nothing reached the webhook");
    }
}
