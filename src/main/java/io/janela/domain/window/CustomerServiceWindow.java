package io.janela.domain.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Meta's customer-service window: free-form messages are allowed for 24 hours after the
 * customer's last message. It runs from the message's own timestamp, not from when we received
 * it, because Meta redelivers webhooks for days.
 */
public final class CustomerServiceWindow {

    public static final Duration LENGTH = Duration.ofHours(24);

    private static final CustomerServiceWindow NONE = new CustomerServiceWindow(null, null);

    private final Instant lastInboundAt;
    /** When Meta refused a free-form message as outside the window (131047): Meta's clock wins. */
    private final Instant closedByMetaAt;

    private CustomerServiceWindow(Instant lastInboundAt, Instant closedByMetaAt) {
        this.lastInboundAt = lastInboundAt;
        this.closedByMetaAt = closedByMetaAt;
    }

    public static CustomerServiceWindow none() {
        return NONE;
    }

    public static CustomerServiceWindow since(Instant lastInboundAt) {
        return new CustomerServiceWindow(Objects.requireNonNull(lastInboundAt, "lastInboundAt"), null);
    }

    /**
     * Meta said the window was closed at {@code at}: it stays closed until a customer message
     * sent after that instant opens a new one.
     */
    public CustomerServiceWindow closedByMetaAt(Instant at) {
        Objects.requireNonNull(at, "at");
        if (closedByMetaAt != null && !at.isAfter(closedByMetaAt)) {
            return this;
        }
        return new CustomerServiceWindow(lastInboundAt, at);
    }

    public Optional<Instant> closedByMeta() {
        return Optional.ofNullable(closedByMetaAt);
    }

    public Optional<Instant> lastInboundAt() {
        return Optional.ofNullable(lastInboundAt);
    }

    public Optional<Instant> closesAt() {
        return lastInboundAt().map(last -> last.plus(LENGTH));
    }

    /** A late or duplicate message never moves the window backwards. */
    public CustomerServiceWindow advancedTo(Instant inboundAt) {
        Objects.requireNonNull(inboundAt, "inboundAt");
        if (lastInboundAt != null && !inboundAt.isAfter(lastInboundAt)) {
            return this;
        }
        return new CustomerServiceWindow(inboundAt, closedByMetaAt);
    }

    public WindowState stateAt(Instant now, Duration expiringLead) {
        if (lastInboundAt == null) {
            return WindowState.NONE;
        }
        Instant closesAt = lastInboundAt.plus(LENGTH);
        boolean closedByMeta = closedByMetaAt != null && !lastInboundAt.isAfter(closedByMetaAt);
        if (closedByMeta || !now.isBefore(closesAt)) {
            return WindowState.EXPIRED;
        }
        return now.isBefore(closesAt.minus(expiringLead)) ? WindowState.OPEN : WindowState.EXPIRING;
    }

    /** The lead must leave part of the window fully open, or every window would start expiring. */
    public static Duration checkedLead(Duration expiringLead) {
        if (expiringLead.isNegative() || expiringLead.compareTo(LENGTH) >= 0) {
            throw new IllegalArgumentException(
                    "the expiring lead must be at least zero and shorter than 24h, was " + expiringLead);
        }
        return expiringLead;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CustomerServiceWindow window
                && Objects.equals(lastInboundAt, window.lastInboundAt)
                && Objects.equals(closedByMetaAt, window.closedByMetaAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastInboundAt, closedByMetaAt);
    }

    @Override
    public String toString() {
        return lastInboundAt == null ? "window(none)" : "window(since " + lastInboundAt + ")";
    }
}
