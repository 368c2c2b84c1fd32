package io.janela.functions;

import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.janela.functions.webhook.WebhookSignature;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MockLambda;
import io.janela.support.MutableClockProducer;
import io.janela.support.SecretsManagerResource;
import io.janela.support.WireMockSecretsManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The webhook as deployed: its app secret and verify token come from the secret janela.meta.secret-id names. */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(WebhookSecretProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(SecretsManagerResource.class)
class WebhookSecretTest {

    @SecretsManagerResource.Server
    WireMockSecretsManager secrets;

    /** Each test starts from the secret's first version, read again as a restored snapshot would. */
    @BeforeEach
    void firstVersionInUse() {
        secrets.holds(SecretsManagerResource.APP_SECRET, SecretsManagerResource.VERIFY_TOKEN,
                SecretsManagerResource.ACCESS_TOKEN, "v1");
        MutableClockProducer.CLOCK.advance(Duration.ofDays(1));
    }

    private static int handshake(String verifyToken) {
        return MockLambda.invoke(HttpApiEvents.get("/webhook", "/webhook",
                Map.of("hub.mode", "subscribe", "hub.challenge", "1158201444", "hub.verify_token", verifyToken), Map.of()))
                .path("statusCode").asInt();
    }

    private static int postSignedWith(String appSecret) {
        byte[] body = notification().status("5511987654321", "wamid.secret-test", "delivered",
                MutableClockProducer.CLOCK.instant().minusSeconds(60)).bytes();
        JsonNode answer = MockLambda.invoke(HttpApiEvents.event("POST", "/webhook", "/webhook",
                Map.of("content-type", "application/json", "x-hub-signature-256", new WebhookSignature(appSecret).sign(body)),
                Map.of(), Map.of(), body, false));
        return answer.path("statusCode").asInt();
    }

    @Test
    void theHandshakeAndTheSignatureUseTheSecretsValuesAndNotThePlainSettings() {
        assertEquals(200, handshake(SecretsManagerResource.VERIFY_TOKEN));
        assertEquals(403, handshake(WebhookSecretProfile.PLAIN_VERIFY_TOKEN));
        assertEquals(200, postSignedWith(SecretsManagerResource.APP_SECRET));
        assertEquals(401, postSignedWith(WebhookSecretProfile.PLAIN_APP_SECRET));
    }

    @Test
    void valuesPutIntoTheSecretTakeOverOnceTheRefreshIntervalHasPassed() {
        assertEquals(200, handshake(SecretsManagerResource.VERIFY_TOKEN));
        int reads = secrets.reads();
        secrets.holds("app-secret-v2", "verify-token-v2", SecretsManagerResource.ACCESS_TOKEN, "v2");

        MutableClockProducer.CLOCK.advance(Duration.ofMinutes(4));
        assertEquals(200, handshake(SecretsManagerResource.VERIFY_TOKEN), "still the first version, from memory");
        assertEquals(reads, secrets.reads());

        MutableClockProducer.CLOCK.advance(Duration.ofMinutes(1));
        assertEquals(403, handshake(SecretsManagerResource.VERIFY_TOKEN));
        assertEquals(200, handshake("verify-token-v2"));
        assertEquals(200, postSignedWith("app-secret-v2"));
        assertEquals(401, postSignedWith(SecretsManagerResource.APP_SECRET));
        assertEquals(reads + 1, secrets.reads(), "one read for the interval");
    }
}
