package io.janela.config;

import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.window.SweepRule;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The sweeper's rules, built once from {@code janela.sweep.*}. Built at start-up, so a setting
 * that cannot work (a close-after of 24h or more, a nudge that could never be sent, a rate
 * EventBridge would not accept) stops the start with a sentence, not the first sweep.
 */
public class SweepRuleProducer {

    @Produces
    @Singleton
    @Startup
    SweepRule sweepRule(JanelaConfig config) {
        return checked(config);
    }

    /** The guard for these settings, or an exception naming the setting that cannot work. */
    public static SweepRule checked(JanelaConfig config) {
        JanelaConfig.Sweep sweep = config.sweep();
        SweepRule guard = new SweepRule(sweep.closeAfter(), config.window().expiringLead());
        if (sweep.expiringNudge().isPresent()) {
            guard.requireNudgeReachable();
        }
        checked("janela.sweep.closing-message", () -> ScheduledClose.checkedMessage(sweep.closingMessage()));
        checked("janela.sweep.expiring-nudge", () -> ScheduledClose.checkedMessage(sweep.expiringNudge()));
        checked("janela.sweep.rate", () -> ScheduleRate.parse(sweep.rate()));
        if (sweep.batchSize() < 1 || sweep.concurrency() < 1 || sweep.pageSize() < 1 || sweep.pageSize() > 1000) {
            throw new IllegalArgumentException("janela.sweep.batch-size and concurrency must be at least 1, and "
                    + "page-size between 1 and 1000");
        }
        return guard;
    }

    private static void checked(String setting, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(setting + ": " + invalid.getMessage(), invalid);
        }
    }
}
