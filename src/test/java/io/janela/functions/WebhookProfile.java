package io.janela.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The webhook Lambda as SAM configures it. */
public class WebhookProfile implements QuarkusTestProfile {

    public static final String APP_SECRET = "5f3c2c1d8e9a4b7f";
    public static final String VERIFY_TOKEN = "janela-verify-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.funqy.export", "webhook",
                "janela.meta.app-secret", APP_SECRET,
                "janela.meta.verify-token", VERIFY_TOKEN,
                "quarkus.dynamodb.interceptors", "io.janela.support.DynamoFailureSwitch");
    }
}
