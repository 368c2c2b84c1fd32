package io.janela.local;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Defaults that make local mode work with nothing set: the DynamoDB client pointed at the
 * embedded DynamoDB Local, a local app secret and verify token, a closing message for the window
 * guard, and sends going to the built-in Meta sandbox. Their ordinal is below application.properties and the environment, so any
 * JANELA_* or QUARKUS_* variable wins.
 */
public class LocalModeConfig implements ConfigSourceFactory {

    public static final String LOCAL_APP_SECRET = "janela-local-app-secret";
    public static final String LOCAL_VERIFY_TOKEN = "janela-local-verify-token";
    /** The bearer token the Meta sandbox accepts, and the one local mode sends with by default. */
    public static final String LOCAL_SANDBOX_TOKEN = "janela-local-sandbox-token";
    /** What the window guard says as it closes a ticket locally, so the README's walkthrough shows it. */
    public static final String LOCAL_CLOSING_MESSAGE =
            "Encerramos este atendimento por falta de resposta. Se precisar, é só escrever de novo.";
    static final String ACCESS_TOKEN = "janela.meta.access-token";
    static final String GRAPH_URL = "janela.meta.graph-url";
    static final String SECRET_ID = "janela.meta.secret-id";
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue enabled = context.getValue("janela.local.enabled");
        if (enabled != null && enabled.getValue() != null && !Boolean.parseBoolean(enabled.getValue())) {
            return List.of();
        }
        String dynamoPort = value(context, "janela.local.dynamodb-port").orElse("8000");
        String gatewayPort = value(context, "janela.local.port").orElse("8080");
        Map<String, String> defaults = new HashMap<>(Map.ofEntries(
                // Funqy's Lambda binding picks one function at start-up; the gateway calls every one directly
                Map.entry("quarkus.funqy.export", "webhook"),
                Map.entry("quarkus.dynamodb.endpoint-override", "http://localhost:" + dynamoPort),
                Map.entry("quarkus.dynamodb.aws.region", "us-east-1"),
                Map.entry("quarkus.dynamodb.aws.credentials.type", "static"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "janelalocal"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "janelalocal"),
                Map.entry("janela.meta.app-secret", LOCAL_APP_SECRET),
                Map.entry("janela.meta.verify-token", LOCAL_VERIFY_TOKEN),
                Map.entry("janela.sweep.closing-message", LOCAL_CLOSING_MESSAGE),
                // the Lambda mock event server of dev mode would otherwise take the gateway's port
                Map.entry("quarkus.lambda.mock-event-server.dev-port", "8081"),
                // the sweep's job is scheduled in code, which alone would not start the scheduler
                Map.entry("quarkus.scheduler.start-mode", "forced")));
        defaults.putAll(metaTargetDefaults(configured(context, ACCESS_TOKEN), configured(context, SECRET_ID),
                configured(context, GRAPH_URL), gatewayPort));
        return List.of(new PropertiesConfigSource(defaults, "janela-local-mode", ORDINAL));
    }

    /**
     * Sends go to the sandbox unless the user named a Meta target: either setting means they did
     * (a token for the real Graph API, given as a setting or in the secret janela.meta.secret-id
     * names, or a URL such as a mock of their own), and then local mode adds neither, so a half-set
     * pair is never completed with the sandbox's half.
     */
    static Map<String, String> metaTargetDefaults(Optional<String> accessToken, Optional<String> secretId,
            Optional<String> graphUrl, String gatewayPort) {
        if (accessToken.isPresent() || secretId.isPresent() || graphUrl.isPresent()) {
            return Map.of();
        }
        return Map.of(GRAPH_URL, sandboxUrl(gatewayPort), ACCESS_TOKEN, LOCAL_SANDBOX_TOKEN);
    }

    static String sandboxUrl(String gatewayPort) {
        return "http://localhost:" + gatewayPort + MetaSandbox.BASE_PATH;
    }

    /**
     * A value the user set: one from a source that outranks these defaults. Defaults declared on
     * the settings themselves (such as graph-url's) sit in sources far below and do not count.
     */
    private static Optional<String> configured(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        if (value == null || value.getConfigSourceOrdinal() <= ORDINAL) {
            return Optional.empty();
        }
        return value(context, name);
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        return Optional.ofNullable(context.getValue(name))
                .map(ConfigValue::getValue)
                .filter(value -> !value.isBlank());
    }
}
