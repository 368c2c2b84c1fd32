package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where local mode sends when the user says nothing, and that it stays out of the way when they do. */
class LocalModeConfigTest {

    @Test
    void withNeitherTokenNorUrlSendsGoToTheSandboxOnTheGatewayPort() {
        assertEquals(Map.of(
                        "janela.meta.graph-url", "http://localhost:18080/sandbox",
                        "janela.meta.access-token", LocalModeConfig.LOCAL_SANDBOX_TOKEN),
                LocalModeConfig.metaTargetDefaults(Optional.empty(), Optional.empty(), Optional.empty(), "18080"));
    }

    @Test
    void aGraphUrlOfTheUsersOwnAddsNothing() {
        assertEquals(Map.of(), LocalModeConfig.metaTargetDefaults(
                Optional.empty(), Optional.empty(), Optional.of("http://localhost:9999/mock-graph"), "18080"));
    }

    @Test
    void anAccessTokenOfTheUsersOwnAddsNothingSoItIsNeverSentToTheSandbox() {
        assertEquals(Map.of(), LocalModeConfig.metaTargetDefaults(Optional.of("EAAG-real-token"), Optional.empty(),
                Optional.empty(), "18080"));
    }

    @Test
    void aSecretOfTheUsersOwnAddsNothingSoItsTokenIsNeverSentToTheSandbox() {
        assertEquals(Map.of(), LocalModeConfig.metaTargetDefaults(Optional.empty(),
                Optional.of("arn:aws:secretsmanager:us-east-1:123456789012:secret:janela/meta-AbCdEf"), Optional.empty(), "18080"));
    }
}
