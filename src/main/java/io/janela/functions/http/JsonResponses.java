package io.janela.functions.http;

import io.janela.application.LogText;
import io.janela.application.directory.NotAnAgent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * How the HTTP functions answer: JSON bodies, refusals in one shape (a stable {@code error} code and
 * a sentence for people, see {@link HttpRefusal}), and the one check that a route has a caller.
 */
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
     * Answers a request with {@code route}, once it is checked against the route's description
     * ({@link ApiDescription}): a rejected input ({@link IllegalArgumentException}) is a
     * 400 naming what to fix, a caller who is not an agent ({@link NotAnAgent}, whichever use case
     * found it) a 403, anything else unexpected a logged 500.
     */
    public HttpApiResponse answer(String function, HttpApiRequest request, Function<HttpApiRequest, HttpApiResponse> route) {
        try {
            ApiDescription.bundled().check(request, true);
            return route.apply(request);
        } catch (NotAnAgent refused) {
            return refused(HttpRefusal.notAnAgent(refused));
        } catch (IllegalArgumentException invalid) {
            return refused(HttpRefusal.invalidRequest(invalid.getMessage()));
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "event=%s_failed route=\"%s\"", function, LogText.of(request.routeKey()));
            return of(500, new ErrorBody("internal", "the request could not be completed, try again"));
        }
    }

    /**
     * Runs a route that needs to know who acts, and records who did; without a caller identity it is
     * refused (401) and nothing changes.
     */
    public HttpApiResponse asCaller(HttpApiRequest request, Function<String, HttpApiResponse> route) {
        return asCaller(request, "no caller identity", route);
    }

    /** {@link #asCaller(HttpApiRequest, Function)}, the refusal saying {@code why} the route needs the caller. */
    public HttpApiResponse asCaller(HttpApiRequest request, String why, Function<String, HttpApiResponse> route) {
        return request.callerEmail().map(route).orElseGet(() -> refused(HttpRefusal.unauthenticated(why)));
    }

    /**
     * A request no route matched ({@code $default}, or a route key the table lacks): 405 with
     * {@code Allow} when its path is served with other methods, else 404 {@code no_route}. An
     * {@code OPTIONS} on a served path is answered 204 with {@code Allow}: the desk page's CORS
     * preflights reach {@code $default} (it takes every method no route names), API Gateway adds the
     * template's {@code CorsConfiguration} headers to this answer, and a browser takes only a 2xx.
     */
    public HttpApiResponse unmatched(HttpApiRequest request) {
        String path = request.rawPath() == null ? "" : request.rawPath();
        Set<String> allowed = ApiDescription.bundled().methodsAt(path);
        if (allowed.isEmpty()) {
            return refused(HttpRefusal.noRoute(request.method() + " " + path));
        }
        if ("OPTIONS".equals(request.method())) {
            return new HttpApiResponse(204, Map.of("allow", String.join(", ", allowed)), "", false);
        }
        HttpApiResponse refused = refused(HttpRefusal.methodNotAllowed(request.method(), path, allowed));
        return new HttpApiResponse(refused.statusCode(), Map.of("content-type", "application/json",
                "allow", String.join(", ", allowed)), refused.body(), false);
    }

    public HttpApiResponse refused(HttpRefusal refusal) {
        return of(refusal.status(), new ErrorBody(refusal.code(), refusal.sentence()));
    }

    public HttpApiResponse ok(Object body) {
        return of(200, body);
    }

    public HttpApiResponse of(int status, Object body) {
        try {
            return HttpApiResponse.json(status, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response body could not be written as JSON", e);
        }
    }
}
