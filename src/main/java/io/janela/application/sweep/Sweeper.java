package io.janela.application.sweep;

import io.janela.application.directory.DirectoryStore;
import io.janela.application.sweep.TicketCloser.CloseRequest;
import io.janela.application.sweep.TicketCloser.CloseResult;
import io.janela.domain.ticket.CloseCondition;
import io.janela.domain.ticket.CloseOutcome;
import io.janela.application.sweep.ClosingStore.DueClose;
import io.janela.application.sweep.ClosingStore.DueTicket;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.window.SweepRule;
import io.janela.domain.window.WindowState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The window guard. Each run carries out the scheduled closes that are due, closes every ticket
 * whose customer wrote {@code close-after} ago, and marks (and optionally nudges) tickets whose
 * window is about to end. It finds its work in deadline order on the due-ticket indexes, so its
 * reads grow with what is due, never with all tickets, and it stops at its batch size or time,
 * leaving the rest, still in order, to the next run.
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    private final ClosingStore closings;
    private final TicketCloser closer;
    private final DirectoryStore directory;
    private final SweepRule guard;
    private final Clock clock;
    private final SweepSettings settings;
    private final Duration rate;

    @Inject
    public Sweeper(ClosingStore closings, TicketCloser closer, DirectoryStore directory, SweepRule guard, Clock clock,
            SweepSettings settings) {
        this.closings = closings;
        this.closer = closer;
        this.directory = directory;
        this.guard = guard;
        this.clock = clock;
        this.settings = settings;
        this.rate = settings.interval();
    }

    /**
     * What one run did. {@code overdue} counts the closes a working sweeper would have made earlier
     * (catch-up); {@code lag} is how long after its due time (the guard's deadline, or the time an
     * agent scheduled) the most overdue close of the run came, zero when none was late.
     */
    public record SweepReport(Instant startedAt, Optional<Instant> previousRunAt, int closed, int overdue, int keptOpen,
            int closedAfterWindow, int closingMessagesSent, int scheduledClosed, int scheduledCancelled,
            int markedExpiring, int nudged, int failed, boolean more, long tookMillis, Duration lag) {
    }

    public SweepReport run() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Optional<Instant> previous = directory.lastSweepAt();
        directory.recordSweep(now);
        // a deadline an earlier run had reached was missed: the previous run's, unless that is further
        // back than a late schedule explains (downtime, or the first run); then the run a rate ago
        Instant expected = now.minus(rate);
        Instant missedBy = previous.filter(at -> at.isAfter(expected.minus(rate)) && at.isBefore(now)).orElse(expected);
        Run run = new Run(now, missedBy, started + settings.batchTime().toNanos());
        try {
            Iterator<DueClose> scheduled = closings.scheduledBy(now);
            while (run.hasRoom() && scheduled.hasNext()) {
                DueClose due = scheduled.next();
                run.submit(() -> scheduledClose(due, run));
            }
            Iterator<DueTicket> tickets = closings.dueBy(guard.horizon(now));
            while (run.hasRoom() && tickets.hasNext()) {
                DueTicket due = tickets.next();
                switch (guard.dutyFor(due.lastInboundAt(), due.markedExpiring(), now)) {
                    case CLOSE -> run.submit(() -> guardClose(due, run));
                    case MARK_EXPIRING -> run.submit(() -> markExpiring(due, run));
                    case NOTHING -> {
                    }
                }
            }
            run.more = scheduled.hasNext() || tickets.hasNext();
        } finally {
            run.finish();
        }
        SweepReport report = run.report(previous, (System.nanoTime() - started) / 1_000_000);
        if (report.overdue() > 0) {
            LOG.warnf("event=sweep_catch_up overdue=%d previous_run=%s: tickets were still open past their deadline",
                    report.overdue(), previous.map(Instant::toString).orElse("none"));
        }
        LOG.infof("event=sweep closed=%d overdue=%d kept_open=%d after_window=%d messages=%d scheduled=%d cancelled=%d"
                        + " marked=%d nudged=%d failed=%d more=%s took_ms=%d lag_s=%d", report.closed(), report.overdue(),
                report.keptOpen(), report.closedAfterWindow(), report.closingMessagesSent(), report.scheduledClosed(),
                report.scheduledCancelled(), report.markedExpiring(), report.nudged(), report.failed(), report.more(),
                report.tookMillis(), report.lag().toSeconds());
        return report;
    }

    private void guardClose(DueTicket due, Run run) {
        CloseResult result = closer.close(new CloseRequest(due.contact(), due.id(), due.lastInboundAt(),
                CloseReason.WINDOW_GUARD, Closing.JANELA, new CloseCondition.Unchanged(due.lastInboundAt()),
                settings.closingMessage()), run.now);
        if (result.outcome() == CloseOutcome.CUSTOMER_WROTE) {
            run.keptOpen.incrementAndGet();
        }
        if (!result.closed()) {
            return;
        }
        run.closed.incrementAndGet();
        run.closedLate(guard.deadline(due.lastInboundAt()));
        if (!guard.deadline(due.lastInboundAt()).isAfter(run.missedBy)) {
            run.overdue.incrementAndGet();
        }
        count(result, run);
    }

    private void scheduledClose(DueClose due, Run run) {
        Optional<Ticket> ticket = closings.ticket(due.contact(), due.id());
        Optional<ScheduledClose> close = ticket.filter(Ticket::isOpen)
                .flatMap(Ticket::scheduledClose)
                .filter(scheduled -> scheduled.at().equals(due.at()));
        if (close.isEmpty()) {
            return; // closed, moved or cancelled since the index was read
        }
        Ticket open = ticket.get();
        if (close.get().cancelledBy(open.lastInboundAt())) {
            dropCancelled(due, run);
            return;
        }
        CloseResult result = closer.close(new CloseRequest(due.contact(), due.id(), open.lastInboundAt(),
                CloseReason.SCHEDULED, close.get().requestedBy(), new CloseCondition.AsScheduled(close.get()),
                close.get().message()), run.now);
        if (result.outcome() == CloseOutcome.CUSTOMER_WROTE) {
            dropCancelled(due, run); // the customer wrote between the read and the close
        } else if (result.closed()) {
            run.scheduledClosed.incrementAndGet();
            run.closedLate(due.at());
            count(result, run);
        }
    }

    private void dropCancelled(DueClose due, Run run) {
        if (closings.cancelScheduledClose(due.contact(), due.id(), Optional.of(due.at()))
                == ClosingStore.CancelOutcome.CANCELLED) {
            run.scheduledCancelled.incrementAndGet();
            LOG.infof("event=scheduled_close_cancelled ticket=%s reason=customer_replied", due.id());
        }
    }

    private static void count(CloseResult result, Run run) {
        if (result.closing().windowState() == WindowState.EXPIRED) {
            run.closedAfterWindow.incrementAndGet();
        }
        if (result.closing().message().outcome() == ClosingMessage.Outcome.SENT) {
            run.messagesSent.incrementAndGet();
        }
    }

    private void markExpiring(DueTicket due, Run run) {
        if (!closings.markExpiring(due.contact(), due.id(), due.lastInboundAt(), run.now)) {
            return;
        }
        run.marked.incrementAndGet();
        if (settings.expiringNudge().isEmpty()) {
            return;
        }
        ClosingMessage nudge = closer.send(Closing.JANELA, due.contact(), settings.expiringNudge().get());
        closings.recordNudge(due.contact(), due.id(), run.now, nudge);
        if (nudge.outcome() == ClosingMessage.Outcome.SENT) {
            run.nudged.incrementAndGet();
        }
    }

    /** One run's pool, limits and tally. */
    private final class Run {
        final Instant now;
        /** Deadlines up to here were due at an earlier run: closing them now is catching up. */
        final Instant missedBy;
        private final long stopStartingAt;
        private final ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        /** Bounds the work handed out ahead of the pool, so the index is read no further than needed. */
        private final Semaphore inFlight = new Semaphore(settings.concurrency());
        private int submitted;
        boolean more;
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger overdue = new AtomicInteger();
        final AtomicInteger keptOpen = new AtomicInteger();
        final AtomicInteger closedAfterWindow = new AtomicInteger();
        final AtomicInteger messagesSent = new AtomicInteger();
        final AtomicInteger scheduledClosed = new AtomicInteger();
        final AtomicInteger scheduledCancelled = new AtomicInteger();
        final AtomicInteger marked = new AtomicInteger();
        final AtomicInteger nudged = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        private final AtomicLong lagMillis = new AtomicLong();

        Run(Instant now, Instant missedBy, long stopStartingAt) {
            this.now = now;
            this.missedBy = missedBy;
            this.stopStartingAt = stopStartingAt;
        }

        /** A close carried out now that was due at {@code due}. */
        void closedLate(Instant due) {
            lagMillis.accumulateAndGet(Duration.between(due, now).toMillis(), Math::max);
        }

        boolean hasRoom() {
            return submitted < settings.batchSize() && System.nanoTime() < stopStartingAt;
        }

        void submit(Runnable task) {
            submitted++;
            inFlight.acquireUninterruptibly();
            pool.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException failure) {
                    failed.incrementAndGet();
                    LOG.errorf(failure, "event=sweep_task_failed: left for the next run");
                } finally {
                    inFlight.release();
                }
            });
        }

        void finish() {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException interrupted) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }

        SweepReport report(Optional<Instant> previous, long tookMillis) {
            return new SweepReport(now, previous, closed.get(), overdue.get(), keptOpen.get(), closedAfterWindow.get(),
                    messagesSent.get(), scheduledClosed.get(), scheduledCancelled.get(), marked.get(), nudged.get(),
                    failed.get(), more, tookMillis, Duration.ofMillis(lagMillis.get()));
        }
    }
}
