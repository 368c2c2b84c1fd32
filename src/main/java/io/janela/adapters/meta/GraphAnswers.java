package io.janela.adapters.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.domain.message.MetaError;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** How every caller of the Graph API reads Meta's answers, its errors above all. */
final class GraphAnswers {

    /** Enough of a proxy's error page to tell what answered, not a whole HTML document. */
    private static final int EXCERPT_LENGTH = 200;

    private GraphAnswers() {
    }

    static <T> Optional<T> parse(ObjectMapper json, String body, Class<T> type) {
        try {
            return Optional.ofNullable(json.readValue(body, type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Meta's error JSON, when the body is that and not just any JSON. */
    static Optional<GraphErrorResponse.GraphError> metaError(ObjectMapper json, String body) {
        return parse(json, body, GraphErrorResponse.class)
                .filter(GraphErrorResponse::isMetaError)
                .map(GraphErrorResponse::error);
    }

    /** A failing answer that was not Meta's JSON (a proxy's page, an empty body), kept as an error all the same. */
    static MetaError withoutMetaError(int status, String body) {
        return new MetaError(0, "HTTP " + status, "Meta answered HTTP " + status + " without its error JSON", excerpt(body));
    }

    static String readBody(Response response) {
        try (response) {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (ProcessingException | IllegalStateException e) {
            return "";
        }
    }

    private static String excerpt(String body) {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        return trimmed.length() <= EXCERPT_LENGTH ? trimmed : trimmed.substring(0, EXCERPT_LENGTH) + "...";
    }
}
