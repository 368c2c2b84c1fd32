package io.janela.domain.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The sweeper's rules. A ticket is due for closing when {@code lastInboundAt + closeAfter <= now},
 * with {@code closeAfter} always shorter than Meta's 24 hours, so that the agent never holds a
 * ticket they can no longer answer. From {@code closesAt - lead} it is marked EXPIRING.
 */
public final class SweepRule {

    /** What the sweeper has to do for one open ticket at one instant. */
    public enum Duty {
        CLOSE,
        MARK_EXPIRING,
        NOTHING
    }

    private final Duration closeAfter;
    private final Duration expiringLead;

    public SweepRule(Duration closeAfter, Duration expiringLead) {
        Objects.requireNonNull(closeAfter, "closeAfter");
        if (closeAfter.isNegative() || closeAfter.isZero() || closeAfter.compareTo(CustomerServiceWindow.LENGTH) >= 0) {
            throw new IllegalArgumentException("janela.sweep.close-after must be more than zero and less than 24h, "
                    + "so the guard closes tickets while the customer can still be answered; it was " + closeAfter);
        }
        this.closeAfter = closeAfter;
        this.expiringLead = CustomerServiceWindow.checkedLead(expiringLead);
    }

    public Duration closeAfter() {
        return closeAfter;
    }

    public Duration expiringLead() {
        return expiringLead;
    }

    public Instant deadline(Instant lastInboundAt) {
        return lastInboundAt.plus(closeAfter);
    }

    /** When the ticket starts to show EXPIRING. */
    public Instant expiringFrom(Instant lastInboundAt) {
        return lastInboundAt.plus(CustomerServiceWindow.LENGTH).minus(expiringLead);
    }

    /**
     * The latest window end the sweeper has to look at now: every ticket it has a duty for has a
     * window that ends by then. Windows end 24h after the last message whatever the settings, so
     * the index that orders tickets by window end never has to be rewritten when they change.
     */
    public Instant horizon(Instant now) {
        Duration untilClose = CustomerServiceWindow.LENGTH.minus(closeAfter);
        return now.plus(untilClose.compareTo(expiringLead) >= 0 ? untilClose : expiringLead);
    }

    /**
     * @param markedForThisWindow the ticket already carries the EXPIRING mark of the window that
     *     runs from {@code lastInboundAt}
     */
    public Duty dutyFor(Instant lastInboundAt, boolean markedForThisWindow, Instant now) {
        if (!now.isBefore(deadline(lastInboundAt))) {
            return Duty.CLOSE;
        }
        if (!now.isBefore(expiringFrom(lastInboundAt)) && !markedForThisWindow) {
            return Duty.MARK_EXPIRING;
        }
        return Duty.NOTHING;
    }

    /**
     * A nudge goes out when a ticket is marked EXPIRING. If the guard closes tickets before they
     * would ever expire, a configured nudge could never be sent: that is a setting to refuse.
     */
    public void requireNudgeReachable() {
        if (!expiringFrom(Instant.EPOCH).isBefore(deadline(Instant.EPOCH))) {
            throw new IllegalArgumentException("janela.sweep.expiring-nudge is set, but tickets close after " + closeAfter
                    + ", before they show EXPIRING (" + expiringLead + " before the window ends), so the nudge would never"
                    + " be sent; set janela.window.expiring-lead above " + CustomerServiceWindow.LENGTH.minus(closeAfter));
        }
    }
}
