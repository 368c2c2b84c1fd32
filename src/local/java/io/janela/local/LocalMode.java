package io.janela.local;

import io.janela.config.JanelaConfig;
import io.janela.functions.DeskFunction;
import io.janela.functions.WebhookFunction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Janela on one machine with no AWS account: DynamoDB Local keeping its data in a folder, the
 * template's tables, and every HTTP route on one port. Only the local build and its tests carry
 * this class; function.zip does not.
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

    private EmbeddedDynamoDb database;
    private LocalGateway gateway;

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
                "desk", desk::desk));
        LOG.infof("event=local_mode_started url=http://localhost:%d data=%s dynamodb=%s routes=%s",
                gateway.port(), data, database.endpoint(), gateway.routeKeys());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (gateway != null) {
            gateway.close();
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
