package io.janela.functions.webhook;

import io.janela.application.LogText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.ingest.Quarantined;
import io.janela.application.ingest.WebhookBatch;
import io.janela.application.ingest.WebhookUpdate;
import io.janela.application.ingest.WebhookUpdate.Customer;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.IdentityChange;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.MetaError;
import io.janela.domain.message.MetaTime;
import io.janela.domain.message.Pricing;
import io.janela.domain.template.TemplateStatusChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Reads a webhook body into a {@link WebhookBatch}. Only a body that is not a WhatsApp notification at
 * all (not JSON, not a {@code whatsapp_business_account} envelope with its {@code entry} array) is
 * refused whole. Inside it every update stands on its own: one that is invalid, or larger than Janela
 * stores, is set aside for quarantine and the rest go on. Fields and change kinds Janela does not use
 * are ignored; message types it does not know are kept like any other.
 */
@ApplicationScoped
public class WebhookParser {

    private static final Logger LOG = Logger.getLogger(WebhookParser.class);

    /**
     * A stored message keeps Meta's JSON whole; a real one (4,096 characters of text at most) is far
     * below. Statuses are held to the same bound: their errors are stored too.
     */
    public static final int MESSAGE_BYTES_LIMIT = 64 * 1024;
    /** A wamid is part of a DynamoDB sort key (1,024 bytes at most); Meta's are under 100 characters. */
    static final int ID_LIMIT = 256;
    /** A profile name longer than this is cut: it is shown and searched, never used to find anyone. */
    public static final int NAME_LIMIT = 256;
    private static final Pattern CHANGED_FROM = Pattern.compile("changed from (\\S+) to (\\S+)");
    private static final String ENVELOPE = "whatsapp_business_account";

    private final ObjectMapper json;

    public WebhookParser(ObjectMapper json) {
        this.json = json;
    }

    public WebhookBatch parse(byte[] body, Instant receivedAt) {
        JsonNode root = readTree(body);
        if (!ENVELOPE.equals(root.path("object").asText(null))) {
            throw new MalformedWebhookException("not a WhatsApp notification: object must be \"" + ENVELOPE + "\"");
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray()) {
            throw new MalformedWebhookException("entry must be an array");
        }
        Reading reading = new Reading(receivedAt);
        for (int e = 0; e < entries.size(); e++) {
            String path = "entry[" + e + "]";
            JsonNode entry = entries.get(e);
            reading.guarded(path, "entry", entry, Optional.empty(), () -> readEntry(entry, path, reading));
        }
        return new WebhookBatch(reading.updates, reading.quarantined, reading.ignored);
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

    /** One item that cannot be applied: its reason, as a sentence naming the field. */
    private static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What one body yields so far: updates, quarantined items, and changes of no use to Janela. */
    private static final class Reading {
        final Instant receivedAt;
        final List<WebhookUpdate> updates = new ArrayList<>();
        final List<Quarantined> quarantined = new ArrayList<>();
        int ignored;

        Reading(Instant receivedAt) {
            this.receivedAt = receivedAt;
        }

        /** Reads one item; if it is invalid, it alone is quarantined. */
        void guarded(String path, String kind, JsonNode node, Optional<String> phoneNumberId, Runnable read) {
            try {
                read.run();
            } catch (Invalid invalid) {
                quarantined.add(Quarantined.of(path, kind, invalid.getMessage(), node.toString(), receivedAt, phoneNumberId));
            }
        }

        Instant time(JsonNode parent, String field, String path) {
            JsonNode node = parent.path(field);
            String raw = node.isIntegralNumber() ? node.asText() : node.isTextual() ? node.asText() : null;
            if (raw == null) {
                throw new Invalid(path + "." + field + " is required (Unix seconds)");
            }
            return MetaTime.reported(raw, receivedAt)
                    .orElseThrow(() -> new Invalid(path + "." + field + " is not an instant: " + abbreviated(raw)));
        }
    }

    private void readEntry(JsonNode entry, String path, Reading reading) {
        if (!entry.isObject()) {
            throw new Invalid(path + " must be an object");
        }
        JsonNode changes = entry.path("changes");
        if (changes.isMissingNode() || changes.isNull()) {
            reading.ignored++;
            return;
        }
        if (!changes.isArray()) {
            throw new Invalid(path + ".changes must be an array");
        }
        for (int c = 0; c < changes.size(); c++) {
            String at = path + ".changes[" + c + "]";
            JsonNode change = changes.get(c);
            reading.guarded(at, "change", change, Optional.empty(), () -> readChange(entry, change, at, reading));
        }
    }

    private void readChange(JsonNode entry, JsonNode change, String path, Reading reading) {
        if (!change.isObject()) {
            throw new Invalid(path + " must be an object");
        }
        String field = change.path("field").asText("");
        JsonNode value = change.path("value");
        String at = path + ".value";
        switch (field) {
            case "messages" -> readMessages(object(value, at), at, reading);
            case "user_preferences" -> readPreferences(object(value, at), at, reading);
            case "user_id_update" -> readIdUpdates(object(value, at), at, reading);
            case "message_template_status_update" -> {
                Instant time = entry.has("time") ? reading.time(entry, "time", "entry") : reading.receivedAt;
                readTemplateStatus(object(value, at), at, time, reading);
            }
            default -> reading.ignored++;
        }
    }

    private static JsonNode object(JsonNode value, String path) {
        if (!value.isObject()) {
            throw new Invalid(path + " must be an object");
        }
        return value;
    }

    private static String phoneNumberId(JsonNode value, String path) {
        String id = text(value.path("metadata"), "phone_number_id", path + ".metadata");
        if (!id.chars().allMatch(Character::isDigit) || id.length() > 32) {
            throw new Invalid(path + ".metadata.phone_number_id must be 1 to 32 digits");
        }
        return id;
    }

    private void readMessages(JsonNode value, String path, Reading reading) {
        JsonNode messages = array(value, "messages", path);
        JsonNode statuses = array(value, "statuses", path);
        if (messages.isEmpty() && statuses.isEmpty()) {
            if (value.has("errors")) {
                LOG.warnf("event=webhook_errors errors=%s", LogText.of(value.path("errors").toString()));
            }
            reading.ignored++;
            return;
        }
        String phoneNumberId = phoneNumberId(value, path);
        Contacts contacts = new Contacts(array(value, "contacts", path));
        for (int i = 0; i < messages.size(); i++) {
            String at = path + ".messages[" + i + "]";
            JsonNode message = messages.get(i);
            reading.guarded(at, "message", message, Optional.of(phoneNumberId),
                    () -> reading.updates.add(message(message, phoneNumberId, contacts, at, reading)));
        }
        for (int i = 0; i < statuses.size(); i++) {
            String at = path + ".statuses[" + i + "]";
            JsonNode status = statuses.get(i);
            reading.guarded(at, "status", status, Optional.of(phoneNumberId),
                    () -> status(status, phoneNumberId, contacts, at, reading).ifPresentOrElse(reading.updates::add,
                            () -> reading.ignored++));
        }
    }

    private WebhookUpdate.Message message(JsonNode message, String phoneNumberId, Contacts contacts, String path,
            Reading reading) {
        if (!message.isObject()) {
            throw new Invalid(path + " must be an object");
        }
        String original = message.toString();
        int bytes = original.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MESSAGE_BYTES_LIMIT) {
            throw new Invalid(path + " is " + bytes + " bytes, more than the " + MESSAGE_BYTES_LIMIT + " Janela stores");
        }
        String wamid = id(message, "id", path);
        Instant sentAt = reading.time(message, "timestamp", path);
        String type = message.path("type").asText("unknown");
        Identity sender = new Identity(path)
                .waId(message.path("from"), "from")
                .userId(message.path("from_user_id"), "from_user_id")
                .parent(message.path("from_parent_user_id"));
        Optional<IdentityChange> change = "system".equals(type)
                ? identityChange(message, sender, sentAt, path)
                : Optional.empty();
        Optional<JsonNode> contact = contacts.of(sender);
        contact.ifPresent(sender::from);
        if (!sender.addressable()) {
            if (change.isEmpty()) {
                throw new Invalid(path + " names no customer: from and from_user_id are both missing");
            }
            sender = new Identity(path).with(change.get().current()); // Meta named only the new ids
        }
        return new WebhookUpdate.Message(path, new Customer(phoneNumberId, sender.identity(), contact.flatMap(WebhookParser::name)),
                wamid, type, sentAt, original, change);
    }

    /**
     * Meta's system messages that move a customer's ids: {@code user_changed_number} (the new phone in
     * {@code system.wa_id}, and since 2026 a new BSUID in {@code system.user_id}) and
     * {@code user_changed_user_id} (the new BSUID; the old one in {@code previous_user_id} or the body).
     */
    private static Optional<IdentityChange> identityChange(JsonNode message, Identity sender, Instant at, String path) {
        JsonNode system = message.path("system");
        String kind = system.path("type").asText("");
        if (!kind.equals("user_changed_number") && !kind.equals("user_changed_user_id")) {
            return Optional.empty();
        }
        String where = path + ".system";
        Identity current = new Identity(where)
                .waId(system.path("wa_id"), "wa_id")
                .userId(system.path("user_id"), "user_id")
                .parent(system.path("parent_user_id"));
        if (kind.equals("user_changed_number") && current.waId.isEmpty()) {
            throw new Invalid(where + ".wa_id is required: the customer's new phone number");
        }
        if (kind.equals("user_changed_user_id") && current.userId.isEmpty()) {
            throw new Invalid(where + ".user_id is required: the customer's new user id");
        }
        List<CustomerId> retired = new ArrayList<>();
        sender.waId.filter(old -> current.waId.isPresent()).ifPresent(retired::add);
        sender.userId.filter(old -> current.userId.isPresent()).ifPresent(retired::add);
        previousUserId(system, where).filter(old -> !retired.contains(old)).ifPresent(previous -> {
            retired.add(previous);
            if (sender.userId.isEmpty()) {
                sender.userId = Optional.of(previous); // who the message is from, by the id Janela knew them by
            }
        });
        return Optional.of(new IdentityChange(retired, current.identity(), at));
    }

    /** The BSUID a {@code user_changed_user_id} replaced: {@code previous_user_id}, or the body's "changed from X to Y". */
    private static Optional<CustomerId> previousUserId(JsonNode system, String path) {
        JsonNode previous = system.path("previous_user_id");
        if (previous.isTextual()) {
            return Optional.of(bsuid(previous.asText(), path + ".previous_user_id"));
        }
        Matcher changed = CHANGED_FROM.matcher(system.path("body").asText(""));
        if (changed.find()) {
            try {
                return Optional.of(new CustomerId.Bsuid(changed.group(1)));
            } catch (IllegalArgumentException notABsuid) {
                return Optional.empty(); // a number change's body names phones, which from already gave
            }
        }
        return Optional.empty();
    }

    private Optional<WebhookUpdate.Status> status(JsonNode status, String phoneNumberId, Contacts contacts, String path,
            Reading reading) {
        if (!status.isObject()) {
            throw new Invalid(path + " must be an object");
        }
        int bytes = status.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MESSAGE_BYTES_LIMIT) {
            throw new Invalid(path + " is " + bytes + " bytes, more than the " + MESSAGE_BYTES_LIMIT + " Janela stores");
        }
        String wamid = id(status, "id", path);
        Instant at = reading.time(status, "timestamp", path);
        String name = text(status, "status", path);
        Optional<DeliveryStatus> known = DeliveryStatus.fromMeta(name);
        if (known.isEmpty()) {
            LOG.warnf("event=unknown_status status=%s", LogText.of(name));
            return Optional.empty();
        }
        Identity recipient = new Identity(path)
                .waId(status.path("recipient_id"), "recipient_id")
                .userId(status.path("recipient_user_id"), "recipient_user_id")
                .parent(status.path("recipient_parent_user_id"))
                .parent(status.path("parent_recipient_user_id")); // Meta's name for it until May 2026
        contacts.of(recipient).ifPresent(recipient::from);
        if (!recipient.addressable()) {
            throw new Invalid(path + " names no recipient: recipient_id and recipient_user_id are both missing");
        }
        List<MetaError> errors = new ArrayList<>();
        for (JsonNode error : status.path("errors")) {
            errors.add(new MetaError(
                    error.path("code").asInt(0),
                    optionalText(error.path("title")),
                    optionalText(error.path("message")),
                    optionalText(error.path("error_data").path("details"))));
        }
        JsonNode pricing = status.path("pricing");
        return Optional.of(new WebhookUpdate.Status(path, new Customer(phoneNumberId, recipient.identity(), Optional.empty()),
                wamid, known.get(), at, errors,
                pricing.isObject()
                        ? Optional.of(new Pricing(
                                optionalText(pricing.path("pricing_model")),
                                optionalText(pricing.path("type")),
                                optionalText(pricing.path("category")),
                                pricing.path("billable").isBoolean() ? pricing.path("billable").asBoolean() : null))
                        : Optional.empty(),
                Optional.ofNullable(optionalText(status.path("conversation").path("id"))),
                Optional.ofNullable(optionalText(status.path("biz_opaque_callback_data"))),
                status.toString()));
    }

    private void readPreferences(JsonNode value, String path, Reading reading) {
        String phoneNumberId = phoneNumberId(value, path);
        Contacts contacts = new Contacts(array(value, "contacts", path));
        JsonNode preferences = array(value, "user_preferences", path);
        for (int i = 0; i < preferences.size(); i++) {
            JsonNode preference = preferences.get(i);
            String at = path + ".user_preferences[" + i + "]";
            reading.guarded(at, "preference", preference, Optional.of(phoneNumberId), () -> {
                String choice = preference.path("value").asText("");
                if (!"marketing_messages".equals(preference.path("category").asText())
                        || !(choice.equals("stop") || choice.equals("resume"))) {
                    reading.ignored++;
                    return;
                }
                Identity customer = new Identity(at)
                        .waId(preference.path("wa_id"), "wa_id")
                        .userId(preference.path("user_id"), "user_id")
                        .parent(preference.path("parent_user_id"));
                contacts.of(customer).ifPresent(customer::from);
                if (!customer.addressable()) {
                    throw new Invalid(at + " names no customer: wa_id and user_id are both missing");
                }
                reading.updates.add(new WebhookUpdate.Preference(at, new Customer(phoneNumberId, customer.identity(),
                        Optional.empty()), choice.equals("stop"), reading.time(preference, "timestamp", at),
                        preference.toString()));
            });
        }
    }

    /** Meta's {@code user_id_update}: {@code user_id.previous} became {@code user_id.current}. */
    private void readIdUpdates(JsonNode value, String path, Reading reading) {
        String phoneNumberId = phoneNumberId(value, path);
        JsonNode updates = array(value, "user_id_update", path);
        for (int i = 0; i < updates.size(); i++) {
            JsonNode update = updates.get(i);
            String at = path + ".user_id_update[" + i + "]";
            reading.guarded(at, "user_id_update", update, Optional.of(phoneNumberId), () -> {
                Identity current = new Identity(at)
                        .waId(update.path("wa_id"), "wa_id")
                        .userId(update.path("user_id").path("current"), "user_id.current")
                        .parent(update.path("parent_user_id").path("current"));
                if (current.userId.isEmpty()) {
                    throw new Invalid(at + ".user_id.current is required");
                }
                Identity previous = new Identity(at)
                        .waId(update.path("wa_id"), "wa_id")
                        .userId(update.path("user_id").path("previous"), "user_id.previous");
                Instant time = reading.time(update, "timestamp", at);
                List<CustomerId> retired = previous.userId.<List<CustomerId>>map(List::of).orElse(List.of());
                Identity addressee = previous.addressable() ? previous : current;
                reading.updates.add(new WebhookUpdate.IdsChanged(at, new Customer(phoneNumberId, addressee.identity(),
                        Optional.empty()), new IdentityChange(retired, current.identity(), time), update.toString()));
            });
        }
    }

    private void readTemplateStatus(JsonNode value, String path, Instant at, Reading reading) {
        reading.guarded(path, "template_review", value, Optional.empty(), () -> {
            String name = text(value, "message_template_name", path);
            String language = text(value, "message_template_language", path);
            if (name.length() > 512 || language.length() > 16) {
                throw new Invalid(path + " names a template or language longer than Meta allows");
            }
            reading.updates.add(new WebhookUpdate.TemplateReview(path, new TemplateStatusChange(name, language,
                    abbreviated(text(value, "event", path)),
                    value.path("reason").isNull() ? null : Optional.ofNullable(optionalText(value.path("reason")))
                            .map(WebhookParser::abbreviated).orElse(null),
                    at), value.toString()));
        });
    }

    /** A notification's {@code contacts[]}: the profile (name, username) and ids of whom its items name. */
    private record Contacts(JsonNode entries) {
        Optional<JsonNode> of(Identity who) {
            for (JsonNode entry : entries) {
                boolean samePhone = who.waId.isPresent() && who.waId.get().value().equals(entry.path("wa_id").asText(null));
                boolean sameUser = who.userId.isPresent() && who.userId.get().value().equals(entry.path("user_id").asText(null));
                if (samePhone || sameUser) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<String> name(JsonNode contact) {
        return Optional.ofNullable(optionalText(contact.path("profile").path("name")))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> name.length() > NAME_LIMIT ? name.substring(0, NAME_LIMIT) : name);
    }

    /**
     * A customer's ids as an item names them. A phone or user id that is present must be valid (it decides
     * which contact the item is about); a parent id or username that is not is dropped: they are only shown.
     */
    private static final class Identity {
        private final String path;
        Optional<CustomerId> waId = Optional.empty();
        Optional<CustomerId> userId = Optional.empty();
        Optional<String> parent = Optional.empty();
        Optional<String> username = Optional.empty();

        Identity(String path) {
            this.path = path;
        }

        Identity waId(JsonNode node, String field) {
            Optional.ofNullable(optionalText(node)).ifPresent(value -> {
                try {
                    waId = Optional.of(new CustomerId.WaId(value));
                } catch (IllegalArgumentException e) {
                    throw new Invalid(path + "." + field + " is not a phone number (digits only)");
                }
            });
            return this;
        }

        Identity userId(JsonNode node, String field) {
            Optional.ofNullable(optionalText(node)).ifPresent(value -> userId = Optional.of(bsuid(value, path + "." + field)));
            return this;
        }

        Identity parent(JsonNode node) {
            Optional.ofNullable(optionalText(node)).filter(ContactIdentity::isParentUserId).ifPresent(value -> parent = Optional.of(value));
            return this;
        }

        /** What the notification's matching {@code contacts[]} entry adds: the ids the item left out, a username. */
        void from(JsonNode contact) {
            if (waId.isEmpty()) {
                waId(contact.path("wa_id"), "contacts.wa_id");
            }
            if (userId.isEmpty()) {
                userId(contact.path("user_id"), "contacts.user_id");
            }
            if (parent.isEmpty()) {
                parent(contact.path("parent_user_id"));
            }
            Optional.ofNullable(optionalText(contact.path("profile").path("username")))
                    .filter(ContactIdentity::isUsername)
                    .ifPresent(value -> username = Optional.of(value));
        }

        Identity with(ContactIdentity identity) {
            waId = identity.waId().map(CustomerId.class::cast);
            userId = identity.userId().map(CustomerId.class::cast);
            parent = identity.parentUserId();
            username = identity.username();
            return this;
        }

        boolean addressable() {
            return waId.isPresent() || userId.isPresent();
        }

        ContactIdentity identity() {
            return new ContactIdentity(waId.map(CustomerId.WaId.class::cast), userId.map(CustomerId.Bsuid.class::cast),
                    parent, username);
        }
    }

    private static CustomerId.Bsuid bsuid(String value, String path) {
        try {
            return new CustomerId.Bsuid(value);
        } catch (IllegalArgumentException e) {
            throw new Invalid(path + " is not a business-scoped user id (CC. and up to 128 letters and digits)");
        }
    }

    private static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!node.isArray()) {
            throw new Invalid(path + "." + field + " must be an array");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.path(field);
        if (!node.isValueNode() || node.isNull() || node.asText().isBlank()) {
            throw new Invalid(path + "." + field + " is required");
        }
        return node.asText();
    }

    private static String id(JsonNode parent, String field, String path) {
        String id = text(parent, field, path);
        if (id.length() > ID_LIMIT) {
            throw new Invalid(path + "." + field + " is " + id.length() + " characters, more than " + ID_LIMIT);
        }
        return id;
    }

    /** A string value, or null when absent, null, blank or not a string or number. */
    private static String optionalText(JsonNode node) {
        if (!node.isValueNode() || node.isNull() || node.asText().isBlank()) {
            return null;
        }
        return node.asText();
    }

    /** For reasons and logs: a value is quoted at most 80 characters long. */
    private static String abbreviated(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
