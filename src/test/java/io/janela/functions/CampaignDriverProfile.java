package io.janela.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The campaign-driver Lambda as SAM configures it. */
public class CampaignDriverProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "campaign-driver");
    }
}
