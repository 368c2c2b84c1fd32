package io.janela.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A function started as the template deploys it: {@code janela.meta.secret-id} names the secret,
 * and the client Janela builds from the environment reaches {@link WireMockSecretsManager} through
 * the SDK's own endpoint, region and credential settings (system properties while the app runs).
 */
public class SecretsManagerResource implements QuarkusTestResourceLifecycleManager {

    public static final String APP_SECRET = "app-secret-from-the-secret";
    public static final String VERIFY_TOKEN = "verify-token-from-the-secret";
    public static final String ACCESS_TOKEN = "EAA-token-from-the-secret";

    /** Marks the test's {@link WireMockSecretsManager} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private WireMockSecretsManager secrets;

    @Override
    public Map<String, String> start() {
        secrets = new WireMockSecretsManager();
        secrets.holds(APP_SECRET, VERIFY_TOKEN, ACCESS_TOKEN, "v1");
        secrets.sdkSystemProperties().forEach(System::setProperty);
        return Map.of("janela.meta.secret-id", WireMockSecretsManager.SECRET_ARN);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(secrets,
                new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockSecretsManager.class));
    }

    @Override
    public void stop() {
        if (secrets != null) {
            secrets.sdkSystemProperties().keySet().forEach(System::clearProperty);
            secrets.close();
        }
    }
}
