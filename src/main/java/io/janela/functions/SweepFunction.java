package io.janela.functions;

import io.janela.application.Metrics;
import io.janela.application.sweep.Sweeper;
import io.janela.application.sweep.Sweeper.SweepReport;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The window guard, on an EventBridge schedule: each run carries out the scheduled closes that
 * are due, closes every ticket before its customer's window ends, and marks those about to expire.
 */
public class SweepFunction {

    @Inject
    Sweeper sweeper;
    @Inject
    Metrics metrics;

    /**
     * What one run did; {@code overdue} counts catch-up closes, {@code more} that work was left for the
     * next run, {@code lagSeconds} how late after its due time the most overdue close came.
     */
    @RegisterForReflection
    public record SweepView(Instant startedAt, Instant previousRunAt, int closed, int overdue, int keptOpen,
            int closedAfterWindow, int closingMessagesSent, int scheduledClosed, int scheduledCancelled,
            int markedExpiring, int nudged, int failed, boolean more, long tookMillis, long lagSeconds) {

        public static SweepView of(SweepReport report) {
            return new SweepView(report.startedAt(), report.previousRunAt().orElse(null), report.closed(),
                    report.overdue(), report.keptOpen(), report.closedAfterWindow(), report.closingMessagesSent(),
                    report.scheduledClosed(), report.scheduledCancelled(), report.markedExpiring(), report.nudged(),
                    report.failed(), report.more(), report.tookMillis(), report.lag().toSeconds());
        }
    }

    @Funq("sweep")
    public SweepView sweep(ScheduledEvent event) {
        SweepReport report = sweeper.run();
        metrics.sweep(report.closed() + report.scheduledClosed(), report.lag());
        return SweepView.of(report);
    }
}
