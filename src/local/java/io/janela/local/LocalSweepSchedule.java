package io.janela.local;

import io.janela.application.sweep.Sweeper;
import io.janela.config.JanelaConfig;
import io.janela.config.ScheduleRate;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Local mode's stand-in for the EventBridge schedule of the sweeper: the same run, on
 * quarkus-scheduler, at {@code janela.sweep.rate}, the setting SAM's {@code SweepRate} feeds in
 * AWS. The first run comes one interval after start, as EventBridge's first comes after a deploy;
 * a run still going when the next is due makes that one skip.
 */
@ApplicationScoped
public class LocalSweepSchedule {

    public static final String JOB = "janela-sweep";
    private static final Logger LOG = Logger.getLogger(LocalSweepSchedule.class);

    @Inject
    JanelaConfig config;
    @Inject
    Scheduler scheduler;
    @Inject
    Sweeper sweeper;

    void schedule(@Observes StartupEvent startup) {
        if (!config.local().enabled()) {
            return;
        }
        Duration every = ScheduleRate.parse(config.sweep().rate());
        String interval = every.toSeconds() + "s";
        scheduler.newJob(JOB)
                .setInterval(interval)
                .setDelayed(interval)
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> sweeper.run())
                .schedule();
        LOG.infof("event=local_sweep_scheduled rate=\"%s\" every=%s", config.sweep().rate(), every);
    }
}
