package io.janela.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A read receipt posted to the sandbox's {@code /messages}, checked as Meta checks one:
 * {@code {"messaging_product":"whatsapp","status":"read","message_id":"wamid..."}}, with an
 * optional {@code "typing_indicator":{"type":"text"}}. Meta answers {@code {"success": true}}.
 */
final class SandboxRead {

    private SandboxRead() {
    }

    /** A body that carries a {@code status} is a status update, not a message. */
    static boolean isStatus(JsonNode body) {
        return body.has("status");
    }

    static void check(JsonNode body) {
        if (!"whatsapp".equals(body.path("messaging_product").asText(null))) {
            throw GraphError.invalidParameter("messaging_product", "must be \"whatsapp\"");
        }
        if (!"read".equals(body.path("status").asText(null))) {
            throw GraphError.invalidParameter("status", "must be \"read\"");
        }
        if (!body.path("message_id").isTextual() || body.path("message_id").asText().isBlank()) {
            throw GraphError.invalidParameter("message_id", "is required");
        }
        if (body.has("typing_indicator") && !"text".equals(body.path("typing_indicator").path("type").asText(null))) {
            throw GraphError.invalidParameter("typing_indicator.type", "must be \"text\"");
        }
    }

    static String success() {
        return "{\"success\":true}";
    }
}
