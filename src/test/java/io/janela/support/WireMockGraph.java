package io.janela.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Stands in for Meta's Graph API on a random port. Retries wait a millisecond and reads give up
 * after two seconds (enough for a loaded CI machine's first call), so the retry and timeout tests stay fast.
 */
public class WireMockGraph implements QuarkusTestResourceLifecycleManager {

    public static final String ACCESS_TOKEN = "EAAJanelaTestToken";
    public static final int SEND_ATTEMPTS = 3;
    public static final int READ_TIMEOUT_MS = 2000;

    /** Marks the test's {@link WireMockServer} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of(
                "janela.meta.graph-url", server.baseUrl(),
                "janela.meta.access-token", ACCESS_TOKEN,
                "janela.meta.send-attempts", String.valueOf(SEND_ATTEMPTS),
                "janela.meta.retry-backoff", "1MS",
                "janela.meta.retry-backoff-max", "4MS",
                "quarkus.rest-client.meta-graph.read-timeout", String.valueOf(READ_TIMEOUT_MS));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
