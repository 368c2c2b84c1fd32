package io.janela.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Webhook bodies in the shapes Meta documents (developers.facebook.com, WhatsApp Cloud API
 * webhooks reference): one entry per WhatsApp Business Account, one change per kind.
 */
public final class MetaPayloads {

    public static final String WABA_ID = "102290129340398";
    public static final String PHONE_NUMBER_ID = "106540352242922";
    public static final String DISPLAY_PHONE = "15550783881";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode changes;

    private MetaPayloads() {
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", WABA_ID);
        changes = entry.putArray("changes");
    }

    public static MetaPayloads notification() {
        return new MetaPayloads();
    }

    private ObjectNode messagesValue() {
        ObjectNode change = changes.addObject();
        change.put("field", "messages");
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", DISPLAY_PHONE).put("phone_number_id", PHONE_NUMBER_ID);
        return value;
    }

    /** A customer message of any type; {@code body} fills the member named after the type. */
    public MetaPayloads message(String waId, String name, String wamid, String type, Instant at,
            Consumer<ObjectNode> body) {
        ObjectNode value = messagesValue();
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.putObject("profile").put("name", name);
        contact.put("wa_id", waId);
        ObjectNode message = value.putArray("messages").addObject();
        message.put("from", waId);
        message.put("id", wamid);
        message.put("timestamp", Long.toString(at.getEpochSecond()));
        message.put("type", type);
        body.accept(message);
        return this;
    }

    public MetaPayloads text(String waId, String name, String wamid, Instant at, String text) {
        return message(waId, name, wamid, "text", at, message -> message.putObject("text").put("body", text));
    }

    public MetaPayloads image(String waId, String name, String wamid, Instant at) {
        return message(waId, name, wamid, "image", at, message -> message.putObject("image")
                .put("caption", "the receipt")
                .put("mime_type", "image/jpeg")
                .put("sha256", "ZNJ0kRrnW0Vx/N5kO3rINh8hyx2R0rB3QRbA7Cz+aBg=")
                .put("id", "1003383421387256"));
    }

    public MetaPayloads status(String waId, String wamid, String status, Instant at) {
        return status(waId, wamid, status, at, statusNode -> { });
    }

    public MetaPayloads status(String waId, String wamid, String status, Instant at, Consumer<ObjectNode> extra) {
        ObjectNode node = messagesValue().putArray("statuses").addObject();
        node.put("id", wamid);
        node.put("status", status);
        node.put("timestamp", Long.toString(at.getEpochSecond()));
        node.put("recipient_id", waId);
        if (!status.equals("failed") && !status.equals("played")) {
            node.putObject("pricing").put("billable", true).put("pricing_model", "PMP")
                    .put("type", "regular").put("category", "utility");
        }
        extra.accept(node);
        return this;
    }

    public MetaPayloads failed(String waId, String wamid, Instant at, int code, String title, String details) {
        return failed(waId, wamid, at, code, title, details, node -> { });
    }

    public MetaPayloads failed(String waId, String wamid, Instant at, int code, String title, String details,
            Consumer<ObjectNode> extra) {
        return status(waId, wamid, "failed", at, node -> {
            ObjectNode error = node.putArray("errors").addObject();
            error.put("code", code);
            error.put("title", title);
            error.put("message", title);
            error.putObject("error_data").put("details", details);
            error.put("href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
            extra.accept(node);
        });
    }

    /** Meta echoes a send's {@code biz_opaque_callback_data} in every status of that message. */
    public static Consumer<ObjectNode> callbackData(String data) {
        return node -> node.put("biz_opaque_callback_data", data);
    }

    public MetaPayloads templateStatus(String name, String language, String event, String reason, Instant at) {
        ObjectNode entry = (ObjectNode) root.path("entry").get(0);
        entry.put("time", at.getEpochSecond());
        ObjectNode change = changes.addObject();
        change.put("field", "message_template_status_update");
        ObjectNode value = change.putObject("value");
        value.put("event", event);
        value.put("message_template_id", 1689556908129832L);
        value.put("message_template_name", name);
        value.put("message_template_language", language);
        value.put("reason", reason);
        return this;
    }

    public MetaPayloads marketingPreference(String waId, String choice, Instant at) {
        ObjectNode change = changes.addObject();
        change.put("field", "user_preferences");
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", DISPLAY_PHONE).put("phone_number_id", PHONE_NUMBER_ID);
        value.putArray("contacts").addObject().put("wa_id", waId).putObject("profile").put("name", "Ana");
        ObjectNode preference = value.putArray("user_preferences").addObject();
        preference.put("wa_id", waId);
        preference.put("detail", "User requested to " + choice + " marketing messages");
        preference.put("category", "marketing_messages");
        preference.put("value", choice);
        preference.put("timestamp", at.getEpochSecond());
        return this;
    }

    public MetaPayloads change(String field, Consumer<ObjectNode> value) {
        ObjectNode change = changes.addObject();
        change.put("field", field);
        value.accept(change.putObject("value"));
        return this;
    }

    public String json() {
        return root.toString();
    }

    public byte[] bytes() {
        return json().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
