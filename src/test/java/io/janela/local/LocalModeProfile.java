package io.janela.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Local mode as the README's command starts it, on free ports and a scratch data folder. The
 * gateway's port is a real one, not 0, because the Meta sandbox's URL is made from it; statuses
 * follow a send within a fraction of a second.
 */
public class LocalModeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of(
                    "janela.local.enabled", "true",
                    "janela.local.port", Integer.toString(EmbeddedDynamoDb.freePort()),
                    "janela.local.dynamodb-port", Integer.toString(EmbeddedDynamoDb.freePort()),
                    "janela.local.data-dir", Files.createTempDirectory("janela-local-data").toString(),
                    "janela.local.sandbox-status-delay", "50MS");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
