package io.janela.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** JSON bodies, and errors in one shape: a stable {@code error} code and a sentence for people. */
@ApplicationScoped
public class JsonResponses {

    @RegisterForReflection
    public record ErrorBody(String error, String message) {
    }

    private final ObjectMapper json;

    public JsonResponses(ObjectMapper json) {
        this.json = json;
    }

    public HttpApiResponse ok(Object body) {
        return of(200, body);
    }

    public HttpApiResponse error(int status, String error, String message) {
        return of(status, new ErrorBody(error, message));
    }

    public HttpApiResponse of(int status, Object body) {
        try {
            return HttpApiResponse.json(status, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response body could not be written as JSON", e);
        }
    }
}
