package io.janela.local;

import io.janela.config.JanelaConfig;
import io.janela.functions.DeskFunction;
import io.janela.functions.SendFunction;
import io.janela.functions.WebhookFunction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Janela on one machine with no AWS account: DynamoDB Local keeping its data in a folder, the
 * template's tables, every HTTP route on one port, and on the same port a Meta sandbox that takes
 * sends and feeds their statuses back through the webhook. Only the local build and its tests
 * carry this class; function.zip does not.
 */
@ApplicationScoped
public class LocalMode {

    private static final Logger LOG = Logger.getLogger(LocalMode.class);

    @Inject
    JanelaConfig config;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    WebhookFunction webhook;
    @Inject
    DeskFunction desk;
    @Inject
    SendFunction send;
    @Inject
    Clock clock;

    private EmbeddedDynamoDb database;
    private LocalGateway gateway;
    private MetaSandbox sandbox;

    void start(@Observes @Priority(10) StartupEvent startup) {
        JanelaConfig.Local local = config.local();
        if (!local.enabled()) {
            return;
        }
        Path data = Path.of(local.dataDir()).toAbsolutePath();
        database = EmbeddedDynamoDb.persistent(local.dynamodbPort(), data);
        SamTemplate template = SamTemplate.fromClasspath();
        new TemplateTables(template).createMissing(dynamo, Map.of(
                "ContactsTable", config.tables().contacts(),
                "DirectoryTable", config.tables().directory()));
        gateway = LocalGateway.start(local.port(), template.httpRoutes(), Map.of(
                "webhook", webhook::webhook,
                "desk", desk::desk,
                "send", send::send));
        // local mode always has an app secret unless it was set to blank; then the webhook refuses
        // the sandbox's statuses as it would Meta's, and the sandbox logs them undelivered
        sandbox = new MetaSandbox(webhook::webhook, config.meta().appSecret().orElse(LocalModeConfig.LOCAL_APP_SECRET),
                local.sandboxStatusDelay(), clock);
        sandbox.serveOn(gateway);
        LOG.infof("event=local_mode_started url=http://localhost:%d data=%s dynamodb=%s routes=%s",
                gateway.port(), data, database.endpoint(), gateway.routeKeys());
        logMetaTarget(local);
    }

    private void logMetaTarget(JanelaConfig.Local local) {
        String graphUrl = config.meta().graphUrl();
        if (!graphUrl.equals(LocalModeConfig.sandboxUrl(Integer.toString(local.port())))) {
            LOG.infof("event=local_meta_target target=graph_url url=%s", graphUrl);
        } else if (local.port() == 0) {
            LOG.warn("event=local_meta_target target=sandbox reason=unreachable_on_port_0 "
                    + "detail=\"set janela.local.port to a real port to send to the sandbox\"");
        } else {
            LOG.infof("event=local_meta_target target=sandbox url=%s status_delay=%s", graphUrl, local.sandboxStatusDelay());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (gateway != null) {
            gateway.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (database != null) {
            database.close();
        }
    }

    public List<String> routeKeys() {
        return gateway.routeKeys();
    }

    /** The port actually listened on (the setting may ask for any free one with 0). */
    public int port() {
        return gateway.port();
    }
}
