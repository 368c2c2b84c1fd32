package io.janela.adapters.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Meta's answer to a read receipt: {@code {"success": true}}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphSuccessResponse(Boolean success) {

    public boolean succeeded() {
        return Boolean.TRUE.equals(success);
    }
}
