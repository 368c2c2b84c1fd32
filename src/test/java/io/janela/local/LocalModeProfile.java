package io.janela.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Local mode as the README's command starts it, on free ports and a scratch data folder. */
public class LocalModeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of(
                    "janela.local.enabled", "true",
                    "janela.local.port", "0",
                    "janela.local.dynamodb-port", Integer.toString(EmbeddedDynamoDb.freePort()),
                    "janela.local.data-dir", Files.createTempDirectory("janela-local-data").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
