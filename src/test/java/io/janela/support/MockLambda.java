package io.janela.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Invokes the exported function the way Lambda does: the event JSON is POSTed to Quarkus's mock
 * event server, which hands it to the function and answers with what the function returned.
 */
public final class MockLambda {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MockLambda() {
    }

    /**
     * What the function returned, as JSON: for the HTTP functions an HTTP API response
     * (statusCode, headers, body), for the scheduled ones their report.
     */
    public static JsonNode invoke(String eventJson) {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(eventJson))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("the function failed instead of answering: " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("the mock event server did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The JSON body of an HTTP API response the function returned. */
    public static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + response, e);
        }
    }
}
