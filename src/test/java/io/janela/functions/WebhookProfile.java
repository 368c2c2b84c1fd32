package io.janela.functions;

import io.janela.support.MutableClockProducer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * The webhook Lambda as SAM configures it, on a clock the tests set: Meta's timestamps are believed
 * only up to the receipt plus five minutes, so a test's clock must not lag the messages it delivers.
 */
public class WebhookProfile implements QuarkusTestProfile {

    /** The samples in functions/webhook/events are signed with local mode's secret. */
    public static final String APP_SECRET = io.janela.local.LocalModeConfig.LOCAL_APP_SECRET;
    public static final String VERIFY_TOKEN = io.janela.local.LocalModeConfig.LOCAL_VERIFY_TOKEN;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.funqy.export", "webhook",
                "janela.meta.app-secret", APP_SECRET,
                "janela.meta.verify-token", VERIFY_TOKEN,
                "quarkus.dynamodb.interceptors", "io.janela.support.DynamoFailureSwitch");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MutableClockProducer.class);
    }
}
