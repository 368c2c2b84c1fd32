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

    /**
     * A customer as Meta names them in 2026: by phone ({@code wa_id}), by business-scoped user id
     * ({@code user_id}), or both, with an optional parent BSUID and username; null parts are left out.
     */
    public record Who(String waId, String userId, String parentUserId, String username) {
        public static Who phone(String waId) {
            return new Who(waId, null, null, null);
        }

        /** A customer who adopted a username and whose phone Meta does not share. */
        public static Who user(String userId) {
            return new Who(null, userId, null, null);
        }

        public static Who both(String waId, String userId) {
            return new Who(waId, userId, null, null);
        }

        public Who username(String username) {
            return new Who(waId, userId, parentUserId, username);
        }

        public Who parent(String parentUserId) {
            return new Who(waId, userId, parentUserId, username);
        }

        void contact(ObjectNode contact, String name, boolean withUsername) {
            ObjectNode profile = contact.putObject("profile");
            if (name != null) {
                profile.put("name", name);
            }
            if (withUsername && username != null) {
                profile.put("username", username);
            }
            putIfPresent(contact, "wa_id", waId);
            putIfPresent(contact, "user_id", userId);
            putIfPresent(contact, "parent_user_id", parentUserId);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** A customer message as Meta sends it since April 2026: {@code from} only when the phone is shared. */
    public MetaPayloads message(Who who, String name, String wamid, String type, Instant at, Consumer<ObjectNode> body) {
        ObjectNode value = messagesValue();
        who.contact(value.putArray("contacts").addObject(), name, true);
        ObjectNode message = value.putArray("messages").addObject();
        putIfPresent(message, "from", who.waId());
        putIfPresent(message, "from_user_id", who.userId());
        putIfPresent(message, "from_parent_user_id", who.parentUserId());
        message.put("id", wamid);
        message.put("timestamp", Long.toString(at.getEpochSecond()));
        message.put("type", type);
        body.accept(message);
        return this;
    }

    public MetaPayloads text(Who who, String name, String wamid, Instant at, String text) {
        return message(who, name, wamid, "text", at, message -> message.putObject("text").put("body", text));
    }

    /**
     * A status as Meta sends it since 2026: {@code recipient_id} when the message went to the phone
     * (or Meta shares it), {@code recipient_user_id} always but on a {@code failed} status of a message
     * sent to a phone, and a {@code contacts} array except on {@code failed}.
     */
    public MetaPayloads status(Who who, String wamid, String status, Instant at, Consumer<ObjectNode> extra) {
        ObjectNode value = messagesValue();
        boolean failed = status.equals("failed");
        if (!failed) {
            who.contact(value.putArray("contacts").addObject(), "Cliente", !status.equals("sent"));
        }
        ObjectNode node = value.putArray("statuses").addObject();
        node.put("id", wamid);
        node.put("status", status);
        node.put("timestamp", Long.toString(at.getEpochSecond()));
        putIfPresent(node, "recipient_id", who.waId());
        if (!(failed && who.waId() != null)) {
            putIfPresent(node, "recipient_user_id", who.userId());
        }
        putIfPresent(node, "recipient_parent_user_id", who.parentUserId());
        if (!failed) {
            node.putObject("pricing").put("pricing_model", "PMP").put("type", "regular").put("category", "utility");
        }
        extra.accept(node);
        return this;
    }

    /** Meta's {@code user_changed_number}: {@code from} the old phone, the new one in {@code system.wa_id}, maybe a new BSUID. */
    public MetaPayloads changedNumber(Who old, String newWaId, String newUserId, String wamid, Instant at) {
        ObjectNode message = systemMessage(old, wamid, at, "user_changed_number",
                "User changed from " + old.waId() + " to " + newWaId);
        ObjectNode system = (ObjectNode) message.path("system");
        system.put("wa_id", newWaId);
        putIfPresent(system, "user_id", newUserId);
        return this;
    }

    /** Meta's {@code user_changed_user_id}: the new BSUID in {@code system.user_id}, the old one in the body. */
    public MetaPayloads changedUserId(Who old, String newUserId, String wamid, Instant at) {
        ObjectNode message = systemMessage(Who.phone(old.waId()), wamid, at, "user_changed_user_id",
                "User changed from " + old.userId() + " to " + newUserId);
        ((ObjectNode) message.path("system")).put("user_id", newUserId);
        return this;
    }

    private ObjectNode systemMessage(Who from, String wamid, Instant at, String kind, String body) {
        ObjectNode message = messagesValue().putArray("messages").addObject();
        putIfPresent(message, "from", from.waId());
        putIfPresent(message, "from_user_id", from.userId());
        message.put("id", wamid);
        message.put("timestamp", Long.toString(at.getEpochSecond()));
        message.put("type", "system");
        message.putObject("system").put("body", body).put("type", kind);
        return message;
    }

    /** Meta's {@code user_id_update} webhook field: the customer's BSUID changed. */
    public MetaPayloads userIdUpdate(String waId, String previous, String current, Instant at) {
        ObjectNode value = whatsAppValue("user_id_update");
        ObjectNode update = value.putArray("user_id_update").addObject();
        putIfPresent(update, "wa_id", waId);
        update.put("detail", "User id for Cliente has been updated.");
        update.putObject("user_id").put("previous", previous).put("current", current);
        update.put("timestamp", Long.toString(at.getEpochSecond()));
        return this;
    }

    /** A marketing stop or resume naming the customer as {@code who}. */
    public MetaPayloads marketingPreference(Who who, String choice, Instant at) {
        ObjectNode value = whatsAppValue("user_preferences");
        who.contact(value.putArray("contacts").addObject(), "Ana", true);
        ObjectNode preference = value.putArray("user_preferences").addObject();
        putIfPresent(preference, "wa_id", who.waId());
        putIfPresent(preference, "user_id", who.userId());
        preference.put("detail", "User requested to " + choice + " marketing messages");
        preference.put("category", "marketing_messages");
        preference.put("value", choice);
        preference.put("timestamp", at.getEpochSecond());
        return this;
    }

    private ObjectNode messagesValue() {
        return whatsAppValue("messages");
    }

    /** A change of {@code field} whose value names the business number, as Meta's messaging changes do. */
    private ObjectNode whatsAppValue(String field) {
        ObjectNode change = changes.addObject();
        change.put("field", field);
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
        return marketingPreference(Who.phone(waId), choice, at);
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
