package io.janela.functions.webhook;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.application.ingest.Quarantined;
import io.janela.application.ingest.WebhookBatch;
import io.janela.application.ingest.WebhookUpdate;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.MetaTime;
import io.janela.support.MetaPayloads;
import io.janela.support.MetaPayloads.Who;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookParserTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String ANA = "5511987654321";
    private static final String ANA_USER = "BR.1502576394655843";
    private static final String SHEENA_USER = "US.13491208655302741918";
    private static final String SHEENA_PARENT = "US.ENT.11815799212886844830";
    private final WebhookParser parser = new WebhookParser(new ObjectMapper());

    private WebhookBatch parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), T0);
    }

    private static <T extends WebhookUpdate> List<T> updates(WebhookBatch batch, Class<T> kind) {
        return batch.updates().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static ContactIdentity identity(String waId, String userId) {
        return new ContactIdentity(Optional.ofNullable(waId).map(CustomerId.WaId::new),
                Optional.ofNullable(userId).map(CustomerId.Bsuid::new), Optional.empty(), Optional.empty());
    }

    @Test
    void readsEveryMessageTypeMetaDocuments() {
        WebhookBatch batch = parse(notification()
                .message(ANA, "Ana", "w.1", "interactive", T0, m -> m.putObject("interactive").put("type", "button_reply")
                        .putObject("button_reply").put("id", "yes").put("title", "Sim"))
                .message(ANA, "Ana", "w.2", "button", T0, m -> m.putObject("button").put("payload", "STOP").put("text", "Parar"))
                .message(ANA, "Ana", "w.3", "reaction", T0, m -> m.putObject("reaction").put("message_id", "wamid.X").put("emoji", "👍"))
                .message(ANA, "Ana", "w.4", "location", T0, m -> m.putObject("location").put("latitude", -23.55).put("longitude", -46.63))
                .message(ANA, "Ana", "w.5", "order", T0, m -> m.putObject("order").put("catalog_id", "42"))
                .message(ANA, "Ana", "w.6", "unsupported", T0, m -> m.putArray("errors").addObject().put("code", 131051))
                .json());
        List<WebhookUpdate.Message> messages = updates(batch, WebhookUpdate.Message.class);
        assertEquals(List.of("interactive", "button", "reaction", "location", "order", "unsupported"),
                messages.stream().map(WebhookUpdate.Message::type).toList());
        assertTrue(messages.get(2).json().contains("👍"));
        assertEquals(Optional.of("Ana"), messages.get(0).from().name());
        assertEquals(identity(ANA, null), messages.get(0).from().identity());
        assertEquals("entry[0].changes[2].value.messages[0]", messages.get(2).path());
    }

    @Test
    void aCustomerWithAUsernameIsNamedByTheirUserIdAloneAndNeverTakenForAPhone() {
        WebhookBatch batch = parse(notification()
                .text(Who.user(SHEENA_USER).parent(SHEENA_PARENT).username("realsheenanelson"), "Sheena Nelson", "w.1", T0,
                        "Does it come in another color?")
                .json());
        WebhookUpdate.Message message = updates(batch, WebhookUpdate.Message.class).get(0);
        ContactIdentity who = message.from().identity();
        assertEquals(Optional.empty(), who.waId());
        assertEquals(Optional.of(new CustomerId.Bsuid(SHEENA_USER)), who.userId());
        assertEquals(Optional.of(SHEENA_PARENT), who.parentUserId());
        assertEquals(Optional.of("realsheenanelson"), who.username());
        assertEquals(Optional.of("Sheena Nelson"), message.from().name());
        assertEquals(List.of(), batch.quarantined());
    }

    @Test
    void aMessageNamingBothIdsCarriesBothAndTheContactsEntryFillsInWhatTheMessageLeftOut() {
        WebhookBatch both = parse(notification().text(Who.both(ANA, ANA_USER), "Ana", "w.1", T0, "Oi").json());
        assertEquals(identity(ANA, ANA_USER), updates(both, WebhookUpdate.Message.class).get(0).from().identity());

        // Meta's own example in its 2026 payloads: the message names the BSUID, contacts[] also the phone
        String onlyUserInMessage = notification().text(Who.both(ANA, ANA_USER), "Ana", "w.2", T0, "Oi").json()
                .replace("\"from\":\"" + ANA + "\",", "");
        assertEquals(identity(ANA, ANA_USER),
                updates(parse(onlyUserInMessage), WebhookUpdate.Message.class).get(0).from().identity());
    }

    @Test
    void readsStatusesByPhoneOrByUserIdWithTheirPricing() {
        WebhookBatch batch = parse(notification()
                .status(ANA, "wamid.O1", "sent", T0, s -> s.put("biz_opaque_callback_data", "campaign-7"))
                .failed(ANA, "wamid.O2", T0, 131026, "Message Undeliverable", "not on WhatsApp")
                .status(Who.user(SHEENA_USER).username("sheena"), "wamid.O3", "delivered", T0, s -> { })
                .json());
        List<WebhookUpdate.Status> statuses = updates(batch, WebhookUpdate.Status.class);
        WebhookUpdate.Status sent = statuses.get(0);
        assertEquals(DeliveryStatus.SENT, sent.status());
        assertEquals("utility", sent.pricing().orElseThrow().category());
        assertEquals(Optional.of("campaign-7"), sent.callbackData());
        assertEquals(identity(ANA, null), sent.recipient().identity());
        WebhookUpdate.Status failed = statuses.get(1);
        assertEquals(131026, failed.errors().get(0).code());
        assertEquals("not on WhatsApp", failed.errors().get(0).details());
        WebhookUpdate.Status delivered = statuses.get(2);
        assertEquals(Optional.of(new CustomerId.Bsuid(SHEENA_USER)), delivered.recipient().identity().userId());
        assertEquals(Optional.empty(), delivered.recipient().identity().waId());
        assertEquals(Optional.of("sheena"), delivered.recipient().identity().username());
    }

    @Test
    void aStatusOfAMessageSentByPhoneLinksTheUserIdItsContactsEntryNames() {
        WebhookBatch batch = parse(notification().status(Who.both(ANA, ANA_USER), "wamid.O1", "read", T0, s -> { }).json());
        assertEquals(identity(ANA, ANA_USER), updates(batch, WebhookUpdate.Status.class).get(0).recipient().identity());
    }

    @Test
    void theParentUserIdIsReadUnderBothOfItsNames() {
        for (String field : List.of("recipient_parent_user_id", "parent_recipient_user_id")) {
            WebhookBatch batch = parse(notification().status(Who.user(SHEENA_USER), "wamid.O1", "failed", T0,
                    s -> s.put(field, SHEENA_PARENT)).json());
            assertEquals(Optional.of(SHEENA_PARENT),
                    updates(batch, WebhookUpdate.Status.class).get(0).recipient().identity().parentUserId(), field);
        }
    }

    @Test
    void readsTemplateReviewsAndMarketingPreferencesByEitherId() {
        WebhookBatch batch = parse(notification()
                .templateStatus("pedido_enviado", "pt_BR", "REJECTED", "INCORRECT_CATEGORY", T0)
                .marketingPreference(ANA, "stop", T0.plusSeconds(5))
                .marketingPreference(Who.user(SHEENA_USER), "resume", T0.plusSeconds(6))
                .json());
        WebhookUpdate.TemplateReview review = updates(batch, WebhookUpdate.TemplateReview.class).get(0);
        assertEquals("REJECTED", review.change().status());
        assertEquals(T0, review.change().at());
        List<WebhookUpdate.Preference> preferences = updates(batch, WebhookUpdate.Preference.class);
        assertTrue(preferences.get(0).stopped());
        assertEquals(T0.plusSeconds(5), preferences.get(0).at());
        assertFalse(preferences.get(1).stopped());
        assertEquals(identity(null, SHEENA_USER), preferences.get(1).who().identity());
    }

    @Test
    void aNumberChangeNamesTheNewPhoneAndRetiresTheOld() {
        WebhookBatch batch = parse(notification()
                .changedNumber(Who.phone(ANA), "5511900001111", null, "wamid.S1", T0).json());
        WebhookUpdate.Message message = updates(batch, WebhookUpdate.Message.class).get(0);
        assertEquals("system", message.type());
        assertEquals(identity(ANA, null), message.from().identity(), "found by the id Janela knew");
        assertEquals(identity("5511900001111", null), message.change().orElseThrow().current());
        assertEquals(List.of(new CustomerId.WaId(ANA)), message.change().orElseThrow().retired());
        assertEquals(T0, message.change().orElseThrow().at());
    }

    @Test
    void aUserIdChangeNamesTheNewBsuidAndRetiresTheOneInItsBody() {
        WebhookBatch batch = parse(notification()
                .changedUserId(Who.both(ANA, ANA_USER), "BR.99887766", "wamid.S2", T0).json());
        WebhookUpdate.Message message = updates(batch, WebhookUpdate.Message.class).get(0);
        assertEquals(identity(ANA, ANA_USER), message.from().identity());
        assertEquals(identity(null, "BR.99887766"), message.change().orElseThrow().current());
        assertEquals(List.of(new CustomerId.Bsuid(ANA_USER)), message.change().orElseThrow().retired());

        // without a phone, and with the old id only in previous_user_id (as some of Meta's samples have it)
        String noPhone = notification().changedUserId(Who.user(ANA_USER), "BR.99887766", "wamid.S3", T0).json()
                .replace("\"user_id\":\"BR.99887766\"", "\"user_id\":\"BR.99887766\",\"previous_user_id\":\"" + ANA_USER + "\"")
                .replace("changed from " + ANA_USER, "changed");
        WebhookUpdate.Message alone = updates(parse(noPhone), WebhookUpdate.Message.class).get(0);
        assertEquals(identity(null, ANA_USER), alone.from().identity());
        assertEquals(List.of(new CustomerId.Bsuid(ANA_USER)), alone.change().orElseThrow().retired());
    }

    @Test
    void readsMetasUserIdUpdate() {
        WebhookBatch batch = parse(notification().userIdUpdate(ANA, ANA_USER, "BR.99887766", T0).json());
        WebhookUpdate.IdsChanged changed = updates(batch, WebhookUpdate.IdsChanged.class).get(0);
        assertEquals(identity(ANA, ANA_USER), changed.who().identity());
        assertEquals(identity(ANA, "BR.99887766"), changed.change().current());
        assertEquals(List.of(new CustomerId.Bsuid(ANA_USER)), changed.change().retired());
    }

    @Test
    void ignoresWhatJanelaDoesNotUse() {
        WebhookBatch batch = parse(notification()
                .change("account_update", v -> v.put("event", "VERIFIED_ACCOUNT"))
                .status(ANA, "wamid.O1", "deleted", T0)
                .json());
        assertEquals(0, batch.size());
        assertEquals(2, batch.ignored());
    }

    @Test
    void onlyABodyThatIsNoWhatsAppNotificationAtAllIsRefusedWhole() {
        assertEquals("the body must be a JSON object",
                assertThrows(MalformedWebhookException.class, () -> parse("\"text\"")).getMessage());
        assertTrue(assertThrows(MalformedWebhookException.class, () -> parse("{\"object\":\"page\",\"entry\":[]}"))
                .getMessage().contains("object must be \"whatsapp_business_account\""));
        assertTrue(assertThrows(MalformedWebhookException.class,
                () -> parse("{\"object\":\"whatsapp_business_account\",\"entry\":{}}")).getMessage()
                .contains("entry must be an array"));
        assertTrue(assertThrows(MalformedWebhookException.class, () -> parse("{\"object\":")).getMessage()
                .startsWith("the body is not valid JSON"));
    }

    @Test
    void anInvalidUpdateIsSetAsideAloneWithItsPathAndReason() {
        String body = notification()
                .text(ANA, "Ana", "w.1", T0, "Oi")
                .text("5521912345678", "Bruno", "w.2", T0, "Olá")
                .text("5531987651234", "Caio", "w.3", T0, "Bom dia")
                .status(ANA, "wamid.O1", "read", T0)
                .json()
                .replace("\"timestamp\":\"" + T0.getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"Olá\"}",
                        "\"timestamp\":\"soon\",\"type\":\"text\",\"text\":{\"body\":\"Olá\"}")
                .replace("\"from\":\"5531987651234\"", "\"from\":\"+55 31 98765\"");
        WebhookBatch batch = parse(body);

        assertEquals(List.of("w.1"), updates(batch, WebhookUpdate.Message.class).stream().map(WebhookUpdate.Message::wamid).toList());
        assertEquals(1, updates(batch, WebhookUpdate.Status.class).size());
        assertEquals(2, batch.quarantined().size());
        Quarantined soon = batch.quarantined().get(0);
        assertEquals("entry[0].changes[1].value.messages[0]", soon.path());
        assertEquals("message", soon.kind());
        assertEquals("entry[0].changes[1].value.messages[0].timestamp is not an instant: soon", soon.reason());
        assertEquals(Optional.of(PHONE_NUMBER_ID), soon.phoneNumberId());
        assertTrue(soon.excerpt().contains("\"id\":\"w.2\""), soon.excerpt());
        Quarantined badPhone = batch.quarantined().get(1);
        assertEquals("entry[0].changes[2].value.messages[0].from is not a phone number (digits only)", badPhone.reason());
        assertFalse(badPhone.reason().contains("98765"), "no customer id in a reason that is logged");
    }

    @Test
    void aMessageLargerThanJanelaStoresIsSetAsideWithItsLongFieldsCut() {
        String megabyte = "a".repeat(1_000_000);
        WebhookBatch batch = parse(notification()
                .text(ANA, "Ana", "w.big", T0, megabyte)
                .text("5521912345678", "Bruno", "w.2", T0, "Olá")
                .json());

        assertEquals(1, updates(batch, WebhookUpdate.Message.class).size());
        Quarantined big = batch.quarantined().get(0);
        assertTrue(big.reason().endsWith("is 1000095 bytes, more than the 65536 Janela stores"), big.reason());
        assertTrue(big.bytes() > 1_000_000);
        assertTrue(big.excerpt().length() < 2_000, "the text is cut: " + big.excerpt().length());
        assertTrue(big.excerpt().contains("\"id\":\"w.big\"") && big.excerpt().contains("[cut 999000 chars]"), big.excerpt());
        assertEquals(64, big.sha256().length());
    }

    @Test
    void aMessageNamingNoCustomerOrWithABadUserIdIsSetAside() {
        String nobody = notification().text(Who.both(ANA, ANA_USER), "Ana", "w.1", T0, "Oi").json()
                .replace("\"from\":\"" + ANA + "\",", "").replace("\"from_user_id\":\"" + ANA_USER + "\",", "")
                .replace("\"wa_id\":\"" + ANA + "\",", "").replace(",\"user_id\":\"" + ANA_USER + "\"", "");
        assertTrue(parse(nobody).quarantined().get(0).reason().endsWith("names no customer: from and from_user_id are both missing"),
                parse(nobody).quarantined().toString());
        String badUser = notification().text(Who.user("not-a-bsuid"), "Ana", "w.1", T0, "Oi").json();
        assertTrue(parse(badUser).quarantined().get(0).reason().endsWith("from_user_id is not a business-scoped user id"
                + " (CC. and up to 128 letters and digits)"), parse(badUser).quarantined().toString());
    }

    @Test
    void aChangeWithoutItsBusinessNumberIsSetAsideAndTheNextOneIsRead() {
        String body = notification().text(ANA, "Ana", "w.1", T0, "Oi").text("5521912345678", "Bruno", "w.2", T0, "Olá").json()
                .replaceFirst("\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"", "\"x\":1");
        WebhookBatch batch = parse(body);
        assertEquals("entry[0].changes[0].value.metadata.phone_number_id is required", batch.quarantined().get(0).reason());
        assertEquals("change", batch.quarantined().get(0).kind());
        assertEquals("w.2", updates(batch, WebhookUpdate.Message.class).get(0).wamid());
    }

    @Test
    void aTimestampAheadOfTheClockCountsAsTheReceiptAndOneFarBeyondTheYear9999Too() {
        Instant month = T0.plusSeconds(30L * 86_400);
        Instant withinSkew = T0.plus(MetaTime.ALLOWED_SKEW).minusSeconds(1);
        String body = notification()
                .text(ANA, "Ana", "w.1", month, "do futuro")
                .text(ANA, "Ana", "w.2", withinSkew, "quase agora")
                .json()
                .replace("\"w.1\"", "\"w.1\"").replace("\"" + month.getEpochSecond() + "\"", "\"" + month.getEpochSecond() + "\"");
        List<WebhookUpdate.Message> messages = updates(parse(body), WebhookUpdate.Message.class);
        assertEquals(T0, messages.get(0).sentAt());
        assertEquals(withinSkew, messages.get(1).sentAt());

        String year10000 = notification().text(ANA, "Ana", "w.3", T0, "Oi").json()
                .replace("\"" + T0.getEpochSecond() + "\"", "\"253402300800000\"");
        assertEquals(T0, updates(parse(year10000), WebhookUpdate.Message.class).get(0).sentAt());
        String beyondLong = notification().text(ANA, "Ana", "w.4", T0, "Oi").json()
                .replace("\"" + T0.getEpochSecond() + "\"", "\"99999999999999999999999\"");
        assertTrue(parse(beyondLong).quarantined().get(0).reason().endsWith("timestamp is not an instant: 99999999999999999999999"));
        String negative = notification().text(ANA, "Ana", "w.5", T0, "Oi").json()
                .replace("\"" + T0.getEpochSecond() + "\"", "\"-5\"");
        assertEquals(1, parse(negative).quarantined().size());
    }

    @Test
    void aLongProfileNameIsCutNotRefused() {
        WebhookBatch batch = parse(notification().text(ANA, "A".repeat(500_000), "w.1", T0, "Oi").json());
        assertEquals(WebhookParser.NAME_LIMIT,
                updates(batch, WebhookUpdate.Message.class).get(0).from().name().orElseThrow().length());
    }

    @Test
    void anEntryThatIsNoObjectIsSetAsideAndTheOthersAreRead() {
        MetaPayloads good = notification().text(ANA, "Ana", "w.1", T0, "Oi");
        ObjectNode root = (ObjectNode) readTree(good.json());
        root.withArray("entry").insert(0, "not an entry");
        WebhookBatch batch = parse(root.toString());
        assertEquals("entry[0] must be an object", batch.quarantined().get(0).reason());
        assertEquals(1, updates(batch, WebhookUpdate.Message.class).size());
        assertInstanceOf(WebhookUpdate.Message.class, batch.updates().get(0));
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
