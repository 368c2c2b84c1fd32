package io.janela.functions.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Base64;
import java.util.Map;

/** An API Gateway HTTP API (payload format 2.0) response. */
@RegisterForReflection
public record HttpApiResponse(
        int statusCode,
        Map<String, String> headers,
        String body,
        @JsonProperty("isBase64Encoded") boolean isBase64Encoded) {

    public static HttpApiResponse text(int status, String body) {
        return new HttpApiResponse(status, Map.of("content-type", "text/plain; charset=utf-8"), body, false);
    }

    /**
     * A file, base64 as API Gateway wants binary bodies; {@code private}: a customer's file is kept by
     * the agent's browser, never by a shared cache.
     */
    public static HttpApiResponse file(String contentType, byte[] bytes) {
        return new HttpApiResponse(200, Map.of("content-type", contentType, "cache-control", "private, max-age=300"),
                Base64.getEncoder().encodeToString(bytes), true);
    }

    public static HttpApiResponse json(int status, String body) {
        return new HttpApiResponse(status, Map.of("content-type", "application/json"), body, false);
    }
}
