package io.janela.local;

import io.janela.application.outbound.MetaCredentials;
import io.janela.application.sweep.Sweeper;
import io.janela.config.JanelaConfig;
import io.janela.functions.DeskFunction;
import io.janela.functions.SendFunction;
import io.janela.functions.SweepFunction.SweepView;
import io.janela.functions.WebhookFunction;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
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
 *
 * <p>Besides the template's routes it serves its own: {@code POST /sweeps}, where an operator
 * runs the sweeper now (it also runs on {@link LocalSweepSchedule}) and reads what it did,
 * {@code GET /flow-events}, the events a bot flow would have received ({@link LocalFlowEvents}), and
 * {@code GET /openapi.yaml}, the description of every route (infra/openapi.yaml).
 */
@ApplicationScoped
public class LocalMode {

    private static final Logger LOG = Logger.getLogger(LocalMode.class);
    /** The operator's trigger of a sweep: local mode only, so not in the template. */
    static final String SWEEPS_METHOD = "POST";
    static final String SWEEPS_PATH = "/sweeps";

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
    @Inject
    Sweeper sweeper;
    @Inject
    JsonResponses responses;
    @Inject
    MetaCredentials credentials;
    @Inject
    LocalFlowEvents flowEvents;

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
        gateway = LocalGateway.start(local.port(), config.roles().adminClaim(), template.httpRoutes(),
                template.defaultRouteFunction(), Map.of(
                "webhook", webhook::webhook,
                "desk", desk::desk,
                "send", send::send));
        // local mode always has an app secret unless it was set to blank; then the webhook refuses
        // the sandbox's statuses as it would Meta's, and the sandbox logs them undelivered
        sandbox = new MetaSandbox(webhook::webhook, credentials.appSecret().orElse(LocalModeConfig.LOCAL_APP_SECRET),
                local.sandboxStatusDelay(), clock, responses);
        sandbox.serveOn(gateway);
        gateway.serveLocal(SWEEPS_METHOD, SWEEPS_PATH, this::sweepNow);
        gateway.serveLocal(LocalFlowEvents.METHOD, LocalFlowEvents.PATH,
                request -> responses.answer("local_flow_events", request, flowEvents::list));
        DeskPage page = new DeskPage(Thread.currentThread().getContextClassLoader());
        gateway.servePage(DeskPage.PREFIX, page::answer);
        OpenApiDescription description = OpenApiDescription.fromClasspath();
        gateway.serveLocal(OpenApiDescription.METHOD, OpenApiDescription.PATH,
                request -> responses.answer("local_openapi", request, description::response));
        LOG.infof("event=local_mode_started url=http://localhost:%d desk=http://localhost:%1$d/desk/ data=%s dynamodb=%s routes=%s local_routes=%s",
                gateway.port(), data, database.endpoint(), gateway.routeKeys(), gateway.localRouteKeys());
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

    /** What one sweep did, in the sweep function's own answer. */
    private HttpApiResponse sweepNow(HttpApiRequest request) {
        return responses.answer("local_sweep", request, ignored -> responses.ok(SweepView.of(sweeper.run())));
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

    /** Local mode's own routes, which AWS does not have (see {@link LocalGateway#localRouteKeys()}). */
    public List<String> localRouteKeys() {
        return gateway.localRouteKeys();
    }

    /** The port actually listened on (the setting may ask for any free one with 0). */
    public int port() {
        return gateway.port();
    }
}
