package io.janela.adapters.meta;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Any one function will do: the sender is a bean of every Lambda. */
public class GraphApiProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "webhook");
    }
}
