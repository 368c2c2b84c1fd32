package io.janela.adapters.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.WebhookBatch;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.MarketingPreference;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.message.MetaError;
import io.janela.domain.message.Pricing;
import io.janela.domain.message.StatusUpdate;
import io.janela.domain.template.TemplateStatusChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads a webhook body into a {@link WebhookBatch}. The whole body is validated before anything
 * is applied, so a malformed POST changes nothing. Fields and change kinds Janela does not use
 * are ignored; message types it does not know are kept like any other.
 */
@ApplicationScoped
public class WebhookParser {

    private static final Logger LOG = Logger.getLogger(WebhookParser.class);

    private static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();

    private final ObjectMapper json;

    public WebhookParser(ObjectMapper json) {
        this.json = json;
    }

    public WebhookBatch parse(byte[] body, Instant receivedAt) {
        JsonNode root = readTree(body);
        Batch batch = new Batch();
        JsonNode entries = root.path("entry");
        if (!entries.isMissingNode() && !entries.isArray()) {
            throw new MalformedWebhookException("entry must be an array");
        }
        for (int e = 0; e < entries.size(); e++) {
            JsonNode entry = entries.get(e);
            JsonNode changes = entry.path("changes");
            if (!changes.isMissingNode() && !changes.isArray()) {
                throw new MalformedWebhookException("entry[" + e + "].changes must be an array");
            }
            Instant entryTime = entry.path("time").canConvertToLong()
                    ? Instant.ofEpochSecond(entry.path("time").asLong())
                    : receivedAt;
            for (int c = 0; c < changes.size(); c++) {
                String path = "entry[" + e + "].changes[" + c + "]";
                JsonNode change = changes.get(c);
                JsonNode value = change.path("value");
                switch (change.path("field").asText("")) {
                    case "messages" -> readMessagesChange(value, path + ".value", batch);
                    case "user_preferences" -> readPreferences(value, path + ".value", batch);
                    case "message_template_status_update" -> readTemplateStatus(value, path + ".value", entryTime, batch);
                    default -> batch.ignored++;
                }
            }
        }
        return new WebhookBatch(batch.messages, batch.statuses, batch.templates, batch.preferences, batch.names,
                batch.ignored);
    }

    private JsonNode readTree(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new MalformedWebhookException("the body must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedWebhookException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedWebhookException("the body could not be read: " + e.getMessage());
        }
    }

    private static final class Batch {
        final List<InboundMessage> messages = new ArrayList<>();
        final List<StatusUpdate> statuses = new ArrayList<>();
        final List<TemplateStatusChange> templates = new ArrayList<>();
        final List<MarketingPreference> preferences = new ArrayList<>();
        final Map<ContactKey, String> names = new HashMap<>();
        int ignored;
    }

    private void readMessagesChange(JsonNode value, String path, Batch batch) {
        JsonNode messages = array(value, "messages", path);
        JsonNode statuses = array(value, "statuses", path);
        if (messages.isEmpty() && statuses.isEmpty()) {
            if (value.has("errors")) {
                LOG.warnf("event=webhook_errors errors=%s", value.path("errors"));
            }
            batch.ignored++;
            return;
        }
        String phoneNumberId = text(value.path("metadata"), "phone_number_id", path + ".metadata");
        for (JsonNode contact : array(value, "contacts", path)) {
            String name = contact.path("profile").path("name").asText(null);
            if (name != null && contact.hasNonNull("wa_id")) {
                batch.names.put(contactKey(phoneNumberId, contact.path("wa_id").asText(), path + ".contacts"), name);
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String at = path + ".messages[" + i + "]";
            batch.messages.add(new InboundMessage(
                    contactKey(phoneNumberId, text(message, "from", at), at + ".from"),
                    text(message, "id", at),
                    message.path("type").asText("unknown"),
                    seconds(message, "timestamp", at),
                    message.toString()));
        }
        for (int i = 0; i < statuses.size(); i++) {
            readStatus(statuses.get(i), phoneNumberId, path + ".statuses[" + i + "]", batch);
        }
    }

    private void readStatus(JsonNode status, String phoneNumberId, String path, Batch batch) {
        String wamid = text(status, "id", path);
        ContactKey contact = contactKey(phoneNumberId, text(status, "recipient_id", path), path + ".recipient_id");
        Instant at = seconds(status, "timestamp", path);
        Optional<DeliveryStatus> known = DeliveryStatus.fromMeta(text(status, "status", path));
        if (known.isEmpty()) {
            LOG.warnf("event=unknown_status status=%s", status.path("status").asText());
            batch.ignored++;
            return;
        }
        List<MetaError> errors = new ArrayList<>();
        for (JsonNode error : status.path("errors")) {
            errors.add(new MetaError(
                    error.path("code").asInt(0),
                    error.path("title").asText(null),
                    error.path("message").asText(null),
                    error.path("error_data").path("details").asText(null)));
        }
        JsonNode pricing = status.path("pricing");
        batch.statuses.add(new StatusUpdate(
                contact, wamid, known.get(), at, errors,
                pricing.isObject()
                        ? Optional.of(new Pricing(
                                pricing.path("pricing_model").asText(null),
                                pricing.path("type").asText(null),
                                pricing.path("category").asText(null),
                                pricing.path("billable").isBoolean() ? pricing.path("billable").asBoolean() : null))
                        : Optional.empty(),
                Optional.ofNullable(status.path("conversation").path("id").asText(null)),
                Optional.ofNullable(status.path("biz_opaque_callback_data").asText(null))));
    }

    private void readPreferences(JsonNode value, String path, Batch batch) {
        String phoneNumberId = text(value.path("metadata"), "phone_number_id", path + ".metadata");
        JsonNode preferences = array(value, "user_preferences", path);
        for (int i = 0; i < preferences.size(); i++) {
            JsonNode preference = preferences.get(i);
            String at = path + ".user_preferences[" + i + "]";
            String choice = preference.path("value").asText("");
            if (!"marketing_messages".equals(preference.path("category").asText())
                    || !(choice.equals("stop") || choice.equals("resume"))) {
                batch.ignored++;
                continue;
            }
            batch.preferences.add(new MarketingPreference(
                    contactKey(phoneNumberId, text(preference, "wa_id", at), at + ".wa_id"),
                    choice.equals("stop"),
                    seconds(preference, "timestamp", at)));
        }
    }

    private void readTemplateStatus(JsonNode value, String path, Instant at, Batch batch) {
        batch.templates.add(new TemplateStatusChange(
                text(value, "message_template_name", path),
                text(value, "message_template_language", path),
                text(value, "event", path),
                value.path("reason").isNull() ? null : value.path("reason").asText(null),
                at));
    }

    private static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return EMPTY;
        }
        if (!node.isArray()) {
            throw new MalformedWebhookException(path + "." + field + " must be an array");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.path(field);
        if (!node.isValueNode() || node.isNull() || node.asText().isBlank()) {
            throw new MalformedWebhookException(path + "." + field + " is required");
        }
        return node.asText();
    }

    /** Meta sends Unix seconds, as a string in messages and statuses and as a number elsewhere. */
    private static Instant seconds(JsonNode parent, String field, String path) {
        String raw = text(parent, field, path);
        try {
            long seconds = Long.parseLong(raw);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException e) {
            throw new MalformedWebhookException(path + "." + field + " must be Unix seconds, was " + raw);
        }
    }

    private static ContactKey contactKey(String phoneNumberId, String waId, String path) {
        try {
            return new ContactKey(phoneNumberId, waId);
        } catch (IllegalArgumentException e) {
            throw new MalformedWebhookException(path + ": " + e.getMessage());
        }
    }
}
