package io.janela.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.functions.http.HttpApiResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A refusal in the Graph API's own error shape, so the real sender's error handling is what runs. */
final class GraphError extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int httpStatus;
    private final int code;
    private final Optional<String> details;

    private GraphError(int httpStatus, int code, String message, Optional<String> details) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.details = details;
    }

    static GraphError invalidToken() {
        return new GraphError(401, 190, "Invalid OAuth access token - Cannot parse access token", Optional.empty());
    }

    static GraphError invalidParameter(String field, String problem) {
        String sentence = field + " " + problem;
        return new GraphError(400, 100, "(#100) Invalid parameter: " + sentence, Optional.of(sentence));
    }

    static GraphError unknownPath(String path) {
        return new GraphError(400, 2500, "Unknown path components: " + path, Optional.empty());
    }

    /** Meta's answer for an id it has no object under (an unknown or expired media id). */
    static GraphError unknownObject(String id) {
        return new GraphError(400, 100, "Unsupported get request. Object with ID '" + id + "' does not exist, cannot be"
                + " loaded due to missing permissions, or does not support this operation", Optional.empty());
    }

    static GraphError unsupportedRequest(String method) {
        return new GraphError(400, 100, "Unsupported " + method.toLowerCase(Locale.ROOT) + " request.", Optional.empty());
    }

    int code() {
        return code;
    }

    HttpApiResponse response() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", "OAuthException");
        error.put("code", code);
        details.ifPresent(text -> error.putObject("error_data")
                .put("messaging_product", "whatsapp")
                .put("details", text));
        error.put("fbtrace_id", "sandbox-" + UUID.randomUUID());
        return HttpApiResponse.json(httpStatus, root.toString());
    }
}
