package io.janela.functions.http;

import io.janela.application.LogText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** JSON bodies, and errors in one shape: a stable {@code error} code and a sentence for people. */
@ApplicationScoped
public class JsonResponses {

    private static final Logger LOG = Logger.getLogger(JsonResponses.class);

    @RegisterForReflection
    public record ErrorBody(String error, String message) {
    }

    private final ObjectMapper json;

    public JsonResponses(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Answers a request with {@code route}: a rejected input ({@link IllegalArgumentException})
     * is a 400 naming what to fix, anything else unexpected a logged 500.
     */
    public HttpApiResponse answer(String function, HttpApiRequest request, Function<HttpApiRequest, HttpApiResponse> route) {
        try {
            return route.apply(request);
        } catch (IllegalArgumentException invalid) {
            return error(400, "invalid_request", invalid.getMessage());
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "event=%s_failed route=\"%s\"", function, LogText.of(request.routeKey()));
            return error(500, "internal", "the request could not be completed, try again");
        }
    }

    public HttpApiResponse ok(Object body) {
        return of(200, body);
    }

    public HttpApiResponse error(int status, String error, String message) {
        return of(status, new ErrorBody(error, message));
    }

    /** No caller identity: the route needs to know who acts. */
    public HttpApiResponse unauthenticated() {
        return error(401, "unauthenticated", "no caller identity: sign in (or, locally, send X-Janela-Agent)");
    }

    /** Runs a route that changes state and records who did it; without an identity nothing changes. */
    public HttpApiResponse asCaller(HttpApiRequest request, Function<String, HttpApiResponse> route) {
        return request.callerEmail().map(route).orElseGet(this::unauthenticated);
    }

    public HttpApiResponse of(int status, Object body) {
        try {
            return HttpApiResponse.json(status, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response body could not be written as JSON", e);
        }
    }
}
