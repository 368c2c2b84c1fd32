package io.janela.adapters.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body that marks a customer's message read, {@code POST /{version}/{phone_number_id}/messages}:
 * {@code {"messaging_product":"whatsapp","status":"read","message_id":"wamid..."}}, with
 * {@code "typing_indicator":{"type":"text"}} to show the customer that someone is typing (Meta
 * dismisses it at the next message, or after 25 seconds).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphReadRequest(
        @JsonProperty("messaging_product") String messagingProduct,
        String status,
        @JsonProperty("message_id") String messageId,
        @JsonProperty("typing_indicator") TypingIndicator typingIndicator) {

    public static GraphReadRequest of(String wamid, boolean typing) {
        return new GraphReadRequest("whatsapp", "read", wamid, typing ? new TypingIndicator("text") : null);
    }

    public record TypingIndicator(String type) {
    }
}
