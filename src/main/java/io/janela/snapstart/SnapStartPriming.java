package io.janela.snapstart;

import io.janela.adapters.dynamodb.DynamoPriming;
import io.janela.config.JanelaConfig;
import io.janela.snapstart.FunctionPriming;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Lambda SnapStart's two moments, as org.crac hooks (Lambda's Java runtime calls them; elsewhere
 * they never run). Before the snapshot: the exported function rehearses its first request
 * ({@link FunctionPriming}) and the DynamoDB client makes a real read ({@link DynamoPriming}), which
 * also leaves no pooled connection behind. After each restore: the AWS credentials resolve again
 * ({@link RestorableCredentials}), as nothing one environment must have to itself may come from the
 * snapshot. Random ids are safe as they are: Janela draws them from {@code SecureRandom} on the
 * operating system's generator, which mixes bytes from /dev/urandom into every draw.
 */
@ApplicationScoped
public class SnapStartPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);

    private final JanelaConfig config;
    private final Optional<String> function;
    private final FunctionPriming functions;
    private final DynamoPriming dynamo;
    private final RestorableCredentials credentials;

    @Inject
    public SnapStartPriming(JanelaConfig config, @ConfigProperty(name = "quarkus.funqy.export") Optional<String> function,
            FunctionPriming functions, DynamoPriming dynamo, RestorableCredentials credentials) {
        this.config = config;
        this.function = function;
        this.functions = functions;
        this.dynamo = dynamo;
        this.credentials = credentials;
    }

    /** The global context holds resources weakly: this bean, kept by its scope, stays registered. */
    void register(@Observes StartupEvent start) {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        if (!config.snapstart().priming() || function.isEmpty()) {
            LOG.infof("event=snapstart_not_primed function=%s priming=%b", function.orElse("none"),
                    config.snapstart().priming());
            return;
        }
        long started = System.nanoTime();
        try {
            functions.prime(function.get());
            // last: its answer closes the connection the reads before it left in the JDK's pool
            dynamo.readNothing();
        } catch (RuntimeException failure) {
            // a snapshot that is less warm is still a good one: a failed rehearsal must not fail the deploy
            LOG.warnf(failure, "event=snapstart_priming_failed function=%s", function.get());
            return;
        }
        LOG.infof("event=snapstart_primed function=%s took_ms=%d", function.get(), (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        credentials.renew();
        LOG.infof("event=snapstart_restored function=%s", function.orElse("none"));
    }
}
