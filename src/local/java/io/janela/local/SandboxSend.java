package io.janela.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.message.MetaError;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A send the Meta sandbox accepted: the fields of Meta's message body it checks, read the way
 * the Graph API reads them. Anything else in the body (components, preview_url, ...) is ignored.
 * The customer is {@code to} (a phone number) or {@code recipient} (a business-scoped user id);
 * when both are given, {@code to} wins, as at Meta.
 */
record SandboxSend(String phoneNumberId, CustomerId recipient, boolean template, Optional<String> callbackData) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");

    /**
     * Recipients whose number ends in one of these codes fail after {@code sent}, with that code,
     * so failure handling can be tried offline. Meta's titles, shortened.
     */
    static final Map<String, MetaError> MAGIC_FAILURES = Map.of(
            "131026", new MetaError(131026, "Message undeliverable", "Message undeliverable",
                    "The recipient cannot receive this message (not on WhatsApp, or an outdated app)."),
            "131047", new MetaError(131047, "Re-engagement message", "Re-engagement message",
                    "More than 24 hours have passed since the recipient last replied to this number."),
            "131049", new MetaError(131049, "Not delivered to maintain healthy ecosystem engagement",
                    "Not delivered to maintain healthy ecosystem engagement",
                    "The recipient has received enough marketing messages for now."),
            "131050", new MetaError(131050, "User has stopped marketing messages",
                    "User has stopped marketing messages",
                    "The recipient chose to stop receiving marketing messages from this business."));

    /** Reads a body posted to {@code /{version}/{phoneNumberId}/messages}. */
    static SandboxSend read(String phoneNumberId, byte[] body) {
        JsonNode root = parse(body);
        if (!"whatsapp".equals(root.path("messaging_product").asText(null))) {
            throw GraphError.invalidParameter("messaging_product", "must be \"whatsapp\"");
        }
        CustomerId recipient = recipient(root);
        String type = root.path("type").asText("text");
        switch (type) {
            case "text" -> requireText(root, "text", "body");
            case "template" -> {
                requireText(root, "template", "name");
                requireText(root.path("template"), "language", "code", "template.language.code");
            }
            default -> throw GraphError.invalidParameter("type", "the sandbox takes \"text\" or \"template\", not \"" + type + "\"");
        }
        return new SandboxSend(phoneNumberId, recipient, type.equals("template"),
                Optional.ofNullable(root.path("biz_opaque_callback_data").asText(null)).filter(data -> !data.isEmpty()));
    }

    private static CustomerId recipient(JsonNode root) {
        if (root.hasNonNull("to")) {
            String to = root.path("to").asText("");
            if (!DIGITS.matcher(to).matches()) {
                throw GraphError.invalidParameter("to", "must be the recipient's number in digits (a user id goes in recipient)");
            }
            return new CustomerId.WaId(to);
        }
        if (root.hasNonNull("recipient")) {
            try {
                return new CustomerId.Bsuid(root.path("recipient").asText(""));
            } catch (IllegalArgumentException notABsuid) {
                throw GraphError.invalidParameter("recipient", "must be the recipient's business-scoped user id");
            }
        }
        throw GraphError.invalidParameter("to", "is required");
    }

    static JsonNode parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw GraphError.invalidParameter("body", "must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw GraphError.invalidParameter("body", "is not valid JSON");
        } catch (IOException e) {
            throw GraphError.invalidParameter("body", "could not be read");
        }
    }

    private static void requireText(JsonNode root, String object, String field) {
        requireText(root, object, field, object + "." + field);
    }

    private static void requireText(JsonNode parent, String object, String field, String name) {
        JsonNode value = parent.path(object).path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw GraphError.invalidParameter(name, "is required");
        }
    }

    /** The failure this recipient stands for, when its number ends in a magic code. */
    Optional<MetaError> magicFailure() {
        return MAGIC_FAILURES.entrySet().stream()
                .filter(failure -> recipient.value().endsWith(failure.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
