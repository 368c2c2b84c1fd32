package io.janela.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.MockLambda;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sample events in functions/webhook/events stay valid: each one is invoked as Lambda would. */
@QuarkusTest
@TestProfile(WebhookProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class SampleEventsTest {

    private static JsonNode invoke(String file) throws Exception {
        return MockLambda.invoke(Files.readString(Path.of("functions/webhook/events", file)));
    }

    @Test
    void everyWebhookSampleIsAccepted() throws Exception {
        JsonNode handshake = invoke("handshake.json");
        assertEquals(200, handshake.path("statusCode").asInt());
        assertEquals("1158201444", handshake.path("body").asText());
        for (String sample : new String[] {"message-text.json", "statuses.json", "template-status.json", "user-preferences.json"}) {
            assertEquals(200, invoke(sample).path("statusCode").asInt(), sample);
            assertEquals(200, invoke(sample).path("statusCode").asInt(), sample + " delivered twice");
        }
        JsonNode event = new ObjectMapper().readTree(Files.readString(Path.of("functions/webhook/events/message-text.json")));
        assertEquals("POST /webhook", event.path("routeKey").asText());
    }
}
