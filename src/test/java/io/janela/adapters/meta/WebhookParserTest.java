package io.janela.adapters.meta;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.WebhookBatch;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookParserTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String ANA = "5511987654321";
    private final WebhookParser parser = new WebhookParser(new ObjectMapper());

    private WebhookBatch parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), T0);
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
        assertEquals(List.of("interactive", "button", "reaction", "location", "order", "unsupported"),
                batch.messages().stream().map(message -> message.type()).toList());
        assertTrue(batch.messages().get(2).originalJson().contains("👍"));
        assertEquals(Optional.of("Ana").get(), batch.profileNames().get(new ContactKey(PHONE_NUMBER_ID, ANA)));
    }

    @Test
    void readsAFailedStatusWithItsErrorAndASentOneWithPricing() {
        WebhookBatch batch = parse(notification()
                .status(ANA, "wamid.O1", "sent", T0, s -> s.put("biz_opaque_callback_data", "campaign-7"))
                .failed(ANA, "wamid.O2", T0, 131026, "Message Undeliverable", "not on WhatsApp")
                .json());
        StatusUpdate sent = batch.statuses().get(0);
        assertEquals(DeliveryStatus.SENT, sent.status());
        assertEquals("utility", sent.pricing().orElseThrow().category());
        assertEquals(Optional.of("campaign-7"), sent.callbackData());
        StatusUpdate failed = batch.statuses().get(1);
        assertEquals(131026, failed.errors().get(0).code());
        assertEquals("not on WhatsApp", failed.errors().get(0).details());
    }

    @Test
    void readsTemplateReviewsAndMarketingPreferences() {
        WebhookBatch batch = parse(notification()
                .templateStatus("pedido_enviado", "pt_BR", "REJECTED", "INCORRECT_CATEGORY", T0)
                .marketingPreference(ANA, "stop", T0.plusSeconds(5))
                .json());
        assertEquals("REJECTED", batch.templateChanges().get(0).status());
        assertEquals(T0, batch.templateChanges().get(0).at());
        assertTrue(batch.preferences().get(0).stopped());
        assertEquals(T0.plusSeconds(5), batch.preferences().get(0).at());
    }

    @Test
    void ignoresWhatJanelaDoesNotUse() {
        WebhookBatch batch = parse(notification()
                .change("account_update", v -> v.put("event", "VERIFIED_ACCOUNT"))
                .status(ANA, "wamid.O1", "deleted", T0)
                .json());
        assertEquals(0, batch.size());
        assertEquals(2, batch.ignoredChanges());
        assertEquals(0, parse("{}").size());
    }

    @Test
    void refusesWhatCannotBeAppliedNamingTheField() {
        assertEquals("the body must be a JSON object",
                assertThrows(MalformedWebhookException.class, () -> parse("\"text\"")).getMessage());
        assertTrue(assertThrows(MalformedWebhookException.class, () -> parse("{\"entry\":{}}")).getMessage()
                .contains("entry must be an array"));
        String noPhoneNumber = notification().text(ANA, "Ana", "w.1", T0, "Oi").json()
                .replace("\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"", "\"x\":1");
        assertTrue(assertThrows(MalformedWebhookException.class, () -> parse(noPhoneNumber)).getMessage()
                .contains("metadata.phone_number_id is required"));
        String badTimestamp = notification().text(ANA, "Ana", "w.1", T0, "Oi").json()
                .replace("\"timestamp\":\"" + T0.getEpochSecond() + "\"", "\"timestamp\":\"yesterday\"");
        assertTrue(assertThrows(MalformedWebhookException.class, () -> parse(badTimestamp)).getMessage()
                .contains("messages[0].timestamp must be Unix seconds"));
        String badSender = notification().text("+55 11 9", "Ana", "w.1", T0, "Oi").json();
        assertTrue(assertThrows(MalformedWebhookException.class, () -> parse(badSender)).getMessage()
                .contains("waId must be 1 to 32 digits"));
    }
}
