package io.janela.adapters.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Optional;

/**
 * Meta's answer to an accepted send: {@code {"messaging_product":"whatsapp","contacts":[...],
 * "messages":[{"id":"wamid..."}]}}. Only the wamid matters here; the rest is ignored.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphMessageResponse(List<SentMessage> messages) {

    public Optional<String> wamid() {
        if (messages == null || messages.isEmpty() || messages.get(0) == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(messages.get(0).id()).filter(id -> !id.isBlank());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SentMessage(String id) {
    }
}
