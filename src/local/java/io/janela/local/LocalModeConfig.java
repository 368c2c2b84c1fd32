package io.janela.local;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Defaults that make local mode work with nothing set: the DynamoDB client pointed at the
 * embedded DynamoDB Local, and a local app secret and verify token. Their ordinal is below
 * application.properties and the environment, so any JANELA_* or QUARKUS_* variable wins.
 */
public class LocalModeConfig implements ConfigSourceFactory {

    public static final String LOCAL_APP_SECRET = "janela-local-app-secret";
    public static final String LOCAL_VERIFY_TOKEN = "janela-local-verify-token";
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue enabled = context.getValue("janela.local.enabled");
        if (enabled != null && enabled.getValue() != null && !Boolean.parseBoolean(enabled.getValue())) {
            return List.of();
        }
        ConfigValue port = context.getValue("janela.local.dynamodb-port");
        String dynamoPort = port == null || port.getValue() == null ? "8000" : port.getValue();
        return List.of(new PropertiesConfigSource(Map.ofEntries(
                // Funqy's Lambda binding picks one function at start-up; the gateway calls every one directly
                Map.entry("quarkus.funqy.export", "webhook"),
                Map.entry("quarkus.dynamodb.endpoint-override", "http://localhost:" + dynamoPort),
                Map.entry("quarkus.dynamodb.aws.region", "us-east-1"),
                Map.entry("quarkus.dynamodb.aws.credentials.type", "static"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "janelalocal"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "janelalocal"),
                Map.entry("janela.meta.app-secret", LOCAL_APP_SECRET),
                Map.entry("janela.meta.verify-token", LOCAL_VERIFY_TOKEN),
                // the Lambda mock event server of dev mode would otherwise take the gateway's port
                Map.entry("quarkus.lambda.mock-event-server.dev-port", "8081")), "janela-local-mode", ORDINAL));
    }
}
