package io.janela.functions.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An API Gateway HTTP API (payload format 2.0) request, the fields Janela reads. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpApiRequest(
        String version,
        String routeKey,
        String rawPath,
        String rawQueryString,
        Map<String, String> headers,
        Map<String, String> queryStringParameters,
        Map<String, String> pathParameters,
        RequestContext requestContext,
        String body,
        @JsonProperty("isBase64Encoded") boolean isBase64Encoded) {

    public HttpApiRequest {
        headers = headers == null ? Map.of() : headers;
        queryStringParameters = queryStringParameters == null ? Map.of() : queryStringParameters;
        pathParameters = pathParameters == null ? Map.of() : pathParameters;
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestContext(String requestId, Http http, JsonNode authorizer) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Http(String method, String path) {
    }

    public String method() {
        if (requestContext != null && requestContext.http() != null && requestContext.http().method() != null) {
            return requestContext.http().method().toUpperCase(Locale.ROOT);
        }
        return routeKey == null ? "" : routeKey.split(" ", 2)[0];
    }

    /** Header names are case-insensitive; API Gateway lowercases them, other callers may not. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryStringParameters.get(name));
    }

    public Optional<String> path(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    /**
     * The caller's e-mail as the HTTP API's JWT authorizer vouched for it
     * ({@code requestContext.authorizer.jwt.claims.email}); local mode's gateway fills the same place.
     */
    public Optional<String> callerEmail() {
        if (requestContext == null || requestContext.authorizer() == null) {
            return Optional.empty();
        }
        JsonNode email = requestContext.authorizer().path("jwt").path("claims").path("email");
        return email.isTextual() && !email.asText().isBlank() ? Optional.of(email.asText()) : Optional.empty();
    }

    /**
     * The values of the caller's claim {@code name}, in any form it reaches Lambda: a JSON array; a
     * string in the form API Gateway's JWT authorizer gives an array claim such as
     * {@code cognito:groups} ({@code "[admins desk]"}); or a plain string, its values separated by
     * spaces (as in OAuth's {@code scope}). Empty without a caller or the claim.
     */
    public Set<String> callerClaim(String name) {
        if (requestContext == null || requestContext.authorizer() == null) {
            return Set.of();
        }
        JsonNode claim = requestContext.authorizer().path("jwt").path("claims").path(name);
        Set<String> values = new LinkedHashSet<>();
        if (claim.isArray()) {
            claim.forEach(value -> {
                if (value.isTextual() && !value.asText().isBlank()) {
                    values.add(value.asText().strip());
                }
            });
        } else if (claim.isTextual()) {
            String text = claim.asText().strip();
            if (text.startsWith("[") && text.endsWith("]")) {
                text = text.substring(1, text.length() - 1);
            }
            Arrays.stream(text.split("\\s+")).filter(value -> !value.isEmpty()).forEach(values::add);
        }
        return values;
    }

    /** The body's bytes exactly as the client sent them. */
    public byte[] bodyBytes() {
        if (body == null) {
            return new byte[0];
        }
        return isBase64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }
}
