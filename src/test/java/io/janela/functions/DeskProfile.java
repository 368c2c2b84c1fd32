package io.janela.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The desk Lambda as SAM configures it. */
public class DeskProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "desk");
    }
}
