package io.janela.domain.ticket;

import java.time.Instant;
import java.util.Optional;

/**
 * When a ticket may be closed. Each is checked atomically with the close's write, so a customer
 * message, a second sweeper or an agent acting at the same moment is never overwritten; when the
 * write is refused, {@link #outcomeFor} says why from the ticket as it then stood.
 */
public sealed interface CloseCondition {

    /** The guard's close: only if no customer message came since the sweeper read {@code lastInboundAt}. */
    record Unchanged(Instant lastInboundAt) implements CloseCondition {
    }

    /** Only the close that is still scheduled, and (with cancelOnReply) only if the customer did not write since. */
    record AsScheduled(ScheduledClose close) implements CloseCondition {
    }

    /** An agent's close: any open ticket. */
    record WhileOpen() implements CloseCondition {
    }

    /** What a close under this condition does to {@code ticket} as it stands (empty: there is none). */
    default CloseOutcome outcomeFor(Optional<Ticket> ticket) {
        if (ticket.isEmpty()) {
            return CloseOutcome.NOT_FOUND;
        }
        Ticket now = ticket.get();
        if (!now.isOpen()) {
            return CloseOutcome.ALREADY_CLOSED;
        }
        if (this instanceof Unchanged unchanged
                && now.lastInboundAt().getEpochSecond() != unchanged.lastInboundAt().getEpochSecond()) {
            return CloseOutcome.CUSTOMER_WROTE;
        }
        if (this instanceof AsScheduled scheduled) {
            Optional<ScheduledClose> current = now.scheduledClose();
            if (current.map(ScheduledClose::at).filter(scheduled.close().at()::equals).isEmpty()) {
                return CloseOutcome.SCHEDULE_CHANGED;
            }
            if (current.get().cancelledBy(now.lastInboundAt())) {
                return CloseOutcome.CUSTOMER_WROTE;
            }
        }
        return CloseOutcome.CLOSED;
    }
}
