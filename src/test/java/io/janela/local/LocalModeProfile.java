package io.janela.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Local mode as the README's command starts it, on free ports and a scratch data folder. The
 * gateway's port is a real one, not 0, because the Meta sandbox's URL is made from it; statuses
 * follow a send within a fraction of a second. The sweeper's schedule is set to a day, so the
 * only sweeps during the test are the ones it asks for with {@code POST /sweeps}.
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
                    "janela.local.sandbox-status-delay", "50MS",
                    "janela.sweep.rate", "rate(1 day)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
