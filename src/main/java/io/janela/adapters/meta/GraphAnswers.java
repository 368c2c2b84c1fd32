package io.janela.adapters.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.domain.message.MetaError;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;

/** How every caller of the Graph API reads Meta's answers, its errors above all. */
final class GraphAnswers {

    /** Enough of a proxy's error page to tell what answered, not a whole HTML document. */
    private static final int EXCERPT_LENGTH = 200;
    /** The codes Meta documents as transient; every other one needs something changed first. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2, 131000, 131016, 131057, 133004);

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

    /** Meta refused the token itself (expired, revoked, replaced), not the request: renewing it may help. */
    static boolean tokenRefused(int status, MetaError error) {
        return status == 401 || error.code() == 190;
    }

    /** Meta's side failed, or Meta says to try again: the same request may succeed later. */
    static boolean transientFailure(int status, MetaError error) {
        return status >= 500 || TRANSIENT_CODES.contains(error.code());
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
