package io.janela.adapters.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Meta's answer for a media id: {@code {"messaging_product":"whatsapp","url","mime_type","sha256",
 * "file_size","id"}}. The url is short-lived and wants the same bearer token; {@code file_size}
 * is in bytes (some answers write it as a string, which reads the same).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphMediaResponse(
        String url,
        @JsonProperty("mime_type") String mimeType,
        @JsonProperty("file_size") Long fileSize,
        String id) {
}
