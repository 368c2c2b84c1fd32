package io.janela.functions;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.functions.webhook.WebhookSignature;
import io.janela.application.contacts.ContactStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.DynamoFailureSwitch;
import io.janela.support.EmfCapture;
import io.janela.support.HttpApiEvents;
import io.janela.support.LogLines;
import io.janela.support.MetaPayloads;
import io.janela.support.MetaPayloads.Who;
import io.janela.support.MockLambda;
import io.janela.support.MutableClockProducer;
import io.janela.support.TestContacts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(WebhookProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class WebhookFunctionTest {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    /** When the POSTs arrive: a minute after the customers wrote. */
    private static final Instant RECEIVED = NOW.plus(Duration.ofMinutes(1));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WebhookSignature META = new WebhookSignature(WebhookProfile.APP_SECRET);
    /** One mebibyte of text: sixteen times what Janela stores of one message. */
    private static final String ONE_MEGABYTE = "a".repeat(1024 * 1024);

    @Inject
    ContactStore contacts;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    @BeforeEach
    void clockAtTheReceipt() {
        MutableClockProducer.CLOCK.set(RECEIVED);
    }

    @AfterEach
    void dynamoBackOnline() {
        DynamoFailureSwitch.off();
    }

    private static JsonNode handshake(Map<String, String> query) {
        return MockLambda.invoke(HttpApiEvents.get("/webhook", "/webhook", query, Map.of()));
    }

    private static JsonNode post(byte[] body, Optional<String> signature, boolean base64) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json", "user-agent", "facebookexternalua"));
        signature.ifPresent(value -> headers.put("X-Hub-Signature-256", value));
        return MockLambda.invoke(HttpApiEvents.event("POST", "/webhook", "/webhook", headers, Map.of(), Map.of(), body, base64));
    }

    private static JsonNode signedPost(byte[] body) {
        return post(body, Optional.of(META.sign(body)), false);
    }

    private static JsonNode signedPost(String body) {
        return signedPost(body.getBytes(StandardCharsets.UTF_8));
    }

    private static int status(JsonNode response) {
        return response.path("statusCode").asInt();
    }

    private Optional<ContactStore.ContactRecord> contact(String waId) {
        return contacts.findContact(TestContacts.key(waId));
    }

    /** A text whose timestamp is not an instant: an invalid item of an otherwise valid notification. */
    private static MetaPayloads textSentSoon(MetaPayloads payload, String waId, String wamid) {
        return payload.message(waId, "Bruno", wamid, "text", NOW,
                message -> message.put("timestamp", "soon").putObject("text").put("body", "Oi"));
    }

    /** The items of the quarantine (the directory table's QUARANTINE partition) holding this wamid. */
    private List<Map<String, AttributeValue>> quarantinedWith(String wamid) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        dynamo.queryPaginator(request -> request.tableName(config.tables().directory()).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("QUARANTINE"))))
                .items().forEach(item -> {
                    if (item.get("excerpt").s().contains("\"" + wamid + "\"")) {
                        found.add(item);
                    }
                });
        return found;
    }

    /**
     * Everything a message from a new customer with this phone would have written: the link naming the
     * contact, and the contact's partition (its key in tests derives from that first phone).
     */
    private List<Map<String, AttributeValue>> writtenFor(String waId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String partition : List.of("ID#" + PHONE_NUMBER_ID + "#P#" + waId, "C#" + TestContacts.key(waId).id())) {
            items.addAll(dynamo.query(request -> request.tableName(config.tables().contacts()).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))).items());
        }
        return items;
    }

    @Test
    void theHandshakeEchoesTheChallengeAsPlainText() {
        JsonNode response = handshake(Map.of(
                "hub.mode", "subscribe", "hub.challenge", "1158201444", "hub.verify_token", WebhookProfile.VERIFY_TOKEN));
        assertEquals(200, status(response));
        assertEquals("1158201444", response.path("body").asText());
        assertTrue(response.path("headers").path("content-type").asText().startsWith("text/plain"));
    }

    @Test
    void aHandshakeWithTheWrongTokenOrModeIsForbidden() {
        assertEquals(403, status(handshake(Map.of("hub.mode", "subscribe", "hub.challenge", "1", "hub.verify_token", "guess"))));
        assertEquals(403, status(handshake(Map.of("hub.mode", "unsubscribe", "hub.challenge", "1",
                "hub.verify_token", WebhookProfile.VERIFY_TOKEN))));
        assertEquals(403, status(handshake(Map.of())));
    }

    @Test
    void aSignedNotificationIsStoredBeforeTheAnswer() {
        byte[] body = notification().text("5511911110001", "Ana", "wamid.F1", NOW, "Oi").bytes();
        JsonNode response = signedPost(body);

        assertEquals(200, status(response));
        ContactStore.ContactRecord ana = contact("5511911110001").orElseThrow();
        assertEquals(Optional.of(NOW), ana.window().lastInboundAt());
        assertTrue(ana.openTicket().isPresent());
    }

    @Test
    void theSignatureIsCheckedOverTheRawBytesEvenWhenBase64Encoded() {
        // Meta escapes nothing it need not: non-ASCII bytes reach us as sent, and API Gateway may base64 them.
        byte[] body = notification().text("5511911110002", "João", "wamid.F2", NOW, "Olá, ação!").bytes();
        JsonNode response = post(body, Optional.of(META.sign(body)), true);

        assertEquals(200, status(response));
        assertEquals(Optional.of("João"), contact("5511911110002").orElseThrow().profile().name());
    }

    @Test
    void aMissingOrWrongSignatureIs401AndWritesNothing() {
        byte[] body = notification().text("5511911110003", "Ana", "wamid.F3", NOW, "Oi").bytes();
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Oi", "Oh").getBytes(StandardCharsets.UTF_8);

        assertEquals(401, status(post(body, Optional.empty(), false)));
        assertEquals(401, status(post(tampered, Optional.of(META.sign(body)), false)));
        assertEquals(401, status(post(body, Optional.of("sha256=" + "0".repeat(64)), false)));
        assertEquals(401, status(post(body, Optional.of(new WebhookSignature("another-secret").sign(body)), false)));
        assertEquals(Optional.empty(), contact("5511911110003"));
    }

    /** An unsigned body is refused before it is read: even an item that would be quarantined is not kept. */
    @Test
    void theSignatureIsCheckedBeforeAnythingIsQuarantined() {
        byte[] body = textSentSoon(notification(), "5511911110020", "wamid.Q20")
                .text("5511911110021", "Ana", "wamid.F21", NOW, "Oi").bytes();

        assertEquals(401, status(post(body, Optional.empty(), false)));
        assertEquals(401, status(post(body, Optional.of(new WebhookSignature("another-secret").sign(body)), false)));

        assertEquals(List.of(), quarantinedWith("wamid.Q20"));
        assertEquals(List.of(), writtenFor("5511911110020"));
        assertEquals(List.of(), writtenFor("5511911110021"));
    }

    /**
     * Only a body that is no WhatsApp notification at all is refused whole: not JSON, not an object,
     * not Meta's whatsapp_business_account envelope, or without its entry array. Nothing of it is
     * applied or quarantined (Meta's redeliveries of such a body cannot get better either, but there is
     * no update in it to keep).
     */
    @Test
    void aBodyThatIsNoWhatsAppNotificationIs400AndWritesNothing() {
        String notification = notification().text("5511911110004", "Ana", "wamid.F4", NOW, "Oi").json();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"entry\": [", "not valid JSON");
        refused.put("[1,2]", "must be a JSON object");
        refused.put("\"whatsapp_business_account\"", "must be a JSON object");
        refused.put(notification.replace("\"whatsapp_business_account\"", "\"instagram\""), "object must be");
        refused.put(notification.replace("\"object\":\"whatsapp_business_account\",", ""), "object must be");
        refused.put(notification.replaceFirst("\"entry\":\\[(.*)]}$", "\"entry\":$1}"), "entry must be an array");
        refused.put("{\"object\":\"whatsapp_business_account\"}", "entry must be an array");

        refused.forEach((body, reason) -> {
            JsonNode response = signedPost(body);
            assertEquals(400, status(response), body);
            assertTrue(response.path("body").asText().contains(reason), body + " answered " + response);
        });
        assertEquals(List.of(), writtenFor("5511911110004"));
        assertEquals(List.of(), quarantinedWith("wamid.F4"));
    }

    /** Inside a valid envelope an invalid item is quarantined alone: the customer's other message is applied. */
    @Test
    void anInvalidItemIsQuarantinedAndTheRestOfTheBatchIsApplied() {
        String broken = notification()
                .text("5511911110005", "Ana", "wamid.F5", NOW, "Oi")
                .text("5511911110005", "Ana", "wamid.F6", NOW, "Oi de novo")
                .json().replaceFirst("(\"id\":\"wamid.F6\"),\"timestamp\":\"\\d+\"", "$1");

        assertEquals(200, status(signedPost(broken)));

        ContactStore.ContactRecord ana = contact("5511911110005").orElseThrow();
        assertEquals(Optional.of(NOW), ana.window().lastInboundAt());
        assertTrue(ana.openTicket().isPresent());
        List<Map<String, AttributeValue>> kept = quarantinedWith("wamid.F6");
        assertEquals(1, kept.size(), kept.toString());
        assertEquals("entry[0].changes[1].value.messages[0]", kept.get(0).get("path").s());
        assertEquals("entry[0].changes[1].value.messages[0].timestamp is required (Unix seconds)", kept.get(0).get("reason").s());
        ContactKey key = TestContacts.key("5511911110005");
        assertTrue(dynamo.getItem(request -> request.tableName(config.tables().contacts()).consistentRead(true)
                .key(TestContacts.itemKey(key, "IN#wamid.F6"))).item().isEmpty(), "the quarantined message is not stored");
        assertFalse(dynamo.getItem(request -> request.tableName(config.tables().contacts()).consistentRead(true)
                .key(TestContacts.itemKey(key, "IN#wamid.F5"))).item().isEmpty());
        assertEquals(List.of(), quarantinedWith("wamid.F5"));
    }

    /**
     * The issue's batch: a timestamp of "soon" and a 1 MB text used to sink every update with them (400,
     * or 503 forever). Now both are quarantined, once however often Meta delivers the POST, the good
     * updates are applied, and nothing else is written for the bad ones: no contact, window or ticket.
     */
    @Test
    void aBatchWithABadTimestampAndAnOversizedTextIsAnsweredOkAndQuarantinesOnlyThose() {
        byte[] body = textSentSoon(notification().text("5511911110010", "Ana", "wamid.G10", NOW, "Oi"),
                        "5511911110011", "wamid.Q11")
                .text("5511911110012", "Caio", "wamid.Q12", NOW, ONE_MEGABYTE)
                .text(Who.user("BR.73491208655302741010"), "Dani", "wamid.G13", NOW.plusSeconds(1), "Olá")
                .marketingPreference("5511911110010", "stop", NOW.plusSeconds(2))
                .bytes();

        for (int delivery = 1; delivery <= 2; delivery++) {
            assertEquals(200, status(signedPost(body)), "delivery " + delivery);

            ContactStore.ContactRecord ana = contact("5511911110010").orElseThrow();
            assertEquals(Optional.of(NOW), ana.window().lastInboundAt());
            assertTrue(ana.openTicket().isPresent());
            assertTrue(ana.profile().broadcastOptOut());
            ContactStore.ContactRecord dani = contacts.findContact(
                    TestContacts.key(dynamo, config.tables().contacts(), "BR.73491208655302741010")).orElseThrow();
            assertTrue(dani.openTicket().isPresent());

            List<Map<String, AttributeValue>> soon = quarantinedWith("wamid.Q11");
            assertEquals(1, soon.size(), "delivery " + delivery + ": " + soon);
            assertEquals("entry[0].changes[1].value.messages[0].timestamp is not an instant: soon", soon.get(0).get("reason").s());
            assertEquals("message", soon.get(0).get("kind").s());
            assertEquals(PHONE_NUMBER_ID, soon.get(0).get("phoneNumberId").s());
            assertEquals(String.valueOf(RECEIVED.getEpochSecond()), soon.get(0).get("receivedAt").n());

            List<Map<String, AttributeValue>> large = quarantinedWith("wamid.Q12");
            assertEquals(1, large.size(), "delivery " + delivery);
            assertTrue(large.get(0).get("reason").s().startsWith("entry[0].changes[2].value.messages[0] is "),
                    large.get(0).get("reason").s());
            assertTrue(Long.parseLong(large.get(0).get("bytes").n()) > ONE_MEGABYTE.length(), "the original's size is kept");
            String excerpt = large.get(0).get("excerpt").s();
            assertTrue(excerpt.length() < 2_000, "the text is cut to its first 1,000 characters: " + excerpt.length());
            assertTrue(excerpt.contains("a".repeat(1_000) + "…[cut " + (ONE_MEGABYTE.length() - 1_000) + " chars]"), excerpt);

            assertEquals(List.of(), writtenFor("5511911110011"));
            assertEquals(List.of(), writtenFor("5511911110012"));
        }
    }

    /** A customer who adopted a username and whose phone Meta does not share: a contact all the same. */
    @Test
    void aMessageNamingOnlyABsuidMakesAContactWithItsWindowAndTicket() {
        String bsuid = "BR.13491208655302741918";
        byte[] body = notification().text(Who.user(bsuid).parent("BR.ENT.11815799212886844830").username("carla.dias"),
                "Carla", "wamid.F30", NOW, "Tem em outra cor?").bytes();

        assertEquals(200, status(signedPost(body)));

        ContactStore.ContactRecord carla = contacts.findContact(TestContacts.key(dynamo, config.tables().contacts(), bsuid))
                .orElseThrow();
        assertEquals(Optional.of(NOW), carla.window().lastInboundAt());
        assertTrue(carla.openTicket().isPresent());
        assertEquals(Optional.of(bsuid), carla.profile().identity().userId().map(id -> id.value()));
        assertEquals(Optional.empty(), carla.profile().identity().waId(), "a BSUID is never taken for a phone number");
        assertEquals(Optional.of("BR.ENT.11815799212886844830"), carla.profile().identity().parentUserId());
        assertEquals(Optional.of("carla.dias"), carla.profile().identity().username());
        assertEquals(Optional.of("Carla"), carla.profile().name());
    }

    /** Meta's clocks (and customers' phones) can be wrong: a date beyond the receipt plus five minutes counts as the receipt. */
    @Test
    void aMessageDatedAheadOfItsReceiptCountsFromTheReceipt() {
        byte[] body = notification().text("5511911110040", "Ana", "wamid.F40", RECEIVED.plus(Duration.ofDays(30)), "Oi").bytes();

        assertEquals(200, status(signedPost(body)));

        assertEquals(Optional.of(RECEIVED), contact("5511911110040").orElseThrow().window().lastInboundAt());
    }

    @Test
    void unknownFieldsAndChangeKindsAreAcceptedNotFailed() {
        byte[] body = notification()
                .change("account_update", value -> value.put("event", "VERIFIED_ACCOUNT"))
                .change("phone_number_quality_update", value -> value.put("current_limit", "TIER_10K"))
                .text("5511911110007", "Ana", "wamid.F7", NOW, "Oi")
                .json().replace("\"messaging_product\"", "\"brand_new_field\":{\"x\":1},\"messaging_product\"")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(200, status(signedPost(body)));
        assertTrue(contact("5511911110007").isPresent());
    }

    @Test
    void whenDynamoDbFailsMetaIsToldToDeliverAgainAndTheRedeliveryCompletes() {
        MetaPayloads payload = notification()
                .text("5511911110008", "Ana", "wamid.F8", NOW, "Oi")
                .text("5511911110009", "Bruno", "wamid.F9", NOW.plusSeconds(1), "Olá");
        byte[] body = payload.bytes();
        DynamoFailureSwitch.failAfter(2);

        JsonNode failed = signedPost(body);
        assertEquals(503, status(failed));
        assertTrue(contact("5511911110009").isEmpty(), "the second contact was never reached");

        DynamoFailureSwitch.off();
        assertEquals(200, status(signedPost(body)));
        assertTrue(contact("5511911110008").orElseThrow().openTicket().isPresent());
        assertTrue(contact("5511911110009").orElseThrow().openTicket().isPresent());
    }

    /**
     * One line of CloudWatch's embedded metric format per POST, on standard output alone: what was
     * applied, quarantined and left for Meta's redelivery, and whether the answer was a 5xx.
     */
    @Test
    void eachPostWritesOneMetricsLineOfWhatItAppliedQuarantinedAndLeftForRedelivery() throws Exception {
        byte[] mixed = textSentSoon(notification().text("5511911110060", "Ana", "wamid.M60", NOW, "Oi")
                .text("5511911110061", "Bruno", "wamid.M61", NOW, "Olá"), "5511911110062", "wamid.M62").bytes();
        byte[] unstorable = notification().text("5511911110063", "Caio", "wamid.M63", NOW, "Oi")
                .text("5511911110064", "Dora", "wamid.M64", NOW, "Oi").bytes();
        String expected = """
                {"_aws":{"Timestamp":%d,"CloudWatchMetrics":[{"Namespace":"Janela","Dimensions":[["Function"]],"Metrics":[
                  {"Name":"UpdatesApplied","Unit":"Count"},{"Name":"UpdatesQuarantined","Unit":"Count"},
                  {"Name":"UpdatesFailed","Unit":"Count"},{"Name":"ServerErrors","Unit":"Count"}]}]},
                 "Function":"webhook","UpdatesApplied":%d,"UpdatesQuarantined":%d,"UpdatesFailed":%d,"ServerErrors":%d}""";

        try (EmfCapture stdout = EmfCapture.start()) {
            assertEquals(200, status(signedPost(mixed)));
            assertEquals(JSON.readTree(expected.formatted(RECEIVED.toEpochMilli(), 2, 1, 0, 0)), stdout.only());
        }
        DynamoFailureSwitch.failAfter(0);
        try (EmfCapture stdout = EmfCapture.start()) {
            assertEquals(503, status(signedPost(unstorable)));
            assertEquals(JSON.readTree(expected.formatted(RECEIVED.toEpochMilli(), 0, 0, 2, 1)), stdout.only());
        }
    }

    /**
     * Values from Meta's payload reach the log cut and escaped: a status name, a timestamp and an error
     * title carrying a forged log line, a NUL and a megabyte, and a body that is no JSON at all, leave
     * one short line per log record, with no line of their own, no control character and no megabyte.
     */
    @Test
    void forgedLinesNulBytesAndAMegabyteFromMetaNeverReachTheLogAsTheyCame() {
        String forged = "\nevent=webhook_applied forged=yes\r\u0000";
        byte[] body = notification()
                .status("5511911110070", "wamid.L70", "read" + forged, NOW, extra -> { })
                .message("5511911110071", "Ana", "wamid.L71", "text", NOW,
                        message -> message.put("timestamp", "1" + forged).putObject("text").put("body", "Oi"))
                .change("messages", value -> value.putArray("errors").addObject().put("code", 131000)
                        .put("title", "Something went wrong" + forged + ONE_MEGABYTE))
                .bytes();
        byte[] notJson = ("{\"object\":\"whatsapp_business_account\",\"entry\":[" + forged + ONE_MEGABYTE)
                .getBytes(StandardCharsets.UTF_8);

        List<String> messages;
        List<String> lines;
        try (LogLines log = LogLines.capture()) {
            assertEquals(200, status(signedPost(body)));
            assertEquals(400, status(signedPost(notJson)));
            messages = log.messages();
            lines = log.physicalLines();
        }

        assertTrue(messages.stream().anyMatch(message -> message.startsWith("event=unknown_status status=read\\nevent=webhook_applied")),
                messages.toString());
        assertTrue(messages.stream().anyMatch(message -> message.startsWith("event=webhook_item_quarantined")), messages.toString());
        assertTrue(messages.stream().anyMatch(message -> message.startsWith("event=webhook_errors")), messages.toString());
        assertTrue(messages.stream().anyMatch(message -> message.startsWith("event=webhook_refused reason=malformed")),
                messages.toString());
        for (String message : messages) {
            assertTrue(message.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'),
                    "a control character in " + message);
            assertTrue(message.length() < 2_000, "a log message of " + message.length() + " characters");
        }
        for (String line : lines) {
            assertFalse(line.startsWith("event=") || line.contains("\u0000"), "a forged line: " + line);
            assertTrue(line.length() < 2_000, "a log line of " + line.length() + " characters");
        }
        assertEquals(messages.size(), lines.size(), "one line per record: " + lines);
    }

    /** A quarantine DynamoDB cannot write to is a storage failure like any other: 503, and the redelivery keeps the item once. */
    @Test
    void whenTheQuarantineCannotBeWrittenMetaIsToldToDeliverAgain() {
        byte[] body = textSentSoon(notification(), "5511911110050", "wamid.Q50").bytes();
        DynamoFailureSwitch.failAfter(0);

        assertEquals(503, status(signedPost(body)));
        assertEquals(List.of(), quarantinedWith("wamid.Q50"));

        DynamoFailureSwitch.off();
        assertEquals(200, status(signedPost(body)));
        assertEquals(200, status(signedPost(body)));
        assertEquals(1, quarantinedWith("wamid.Q50").size());
        assertEquals(List.of(), writtenFor("5511911110050"));
    }
}
