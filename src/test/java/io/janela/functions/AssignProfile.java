package io.janela.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The assign Lambda as SAM configures it. */
public class AssignProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "assign");
    }
}
