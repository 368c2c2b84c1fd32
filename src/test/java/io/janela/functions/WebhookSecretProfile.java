package io.janela.functions;

import io.janela.support.MutableClockProducer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * The webhook with its credentials in Secrets Manager. The plain settings hold other values, which
 * must then not count.
 */
public class WebhookSecretProfile implements QuarkusTestProfile {

    public static final String PLAIN_APP_SECRET = "plain-app-secret";
    public static final String PLAIN_VERIFY_TOKEN = "plain-verify-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.funqy.export", "webhook",
                "janela.meta.app-secret", PLAIN_APP_SECRET,
                "janela.meta.verify-token", PLAIN_VERIFY_TOKEN);
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MutableClockProducer.class);
    }
}
