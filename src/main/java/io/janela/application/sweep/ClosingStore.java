package io.janela.application.sweep;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.CloseCondition;
import io.janela.domain.ticket.CloseOutcome;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.window.CustomerServiceWindow;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

/**
 * How tickets end: what the sweeper finds due, and the conditional writes that close, schedule
 * and mark them. Every write is conditional, so a customer message, a second sweeper or an
 * agent acting at the same moment can never be overwritten.
 */
public interface ClosingStore {

    /** An open ticket as the due-ticket index holds it: enough to decide, never the whole item. */
    record DueTicket(ContactKey contact, TicketId id, Instant lastInboundAt, boolean markedExpiring) {
        public Instant windowEndsAt() {
            return lastInboundAt.plus(CustomerServiceWindow.LENGTH);
        }
    }

    /**
     * Open tickets whose window ends by {@code horizon}, earliest first. Read page by page as the
     * caller goes, so a sweep that stops early reads no further.
     */
    Iterator<DueTicket> dueBy(Instant horizon);

    /** A ticket whose scheduled close is due, as the schedule index holds it. */
    record DueClose(ContactKey contact, TicketId id, Instant at) {
    }

    /** Scheduled closes due by {@code now}, earliest first, read page by page. */
    Iterator<DueClose> scheduledBy(Instant now);

    Optional<Ticket> ticket(ContactKey contact, TicketId id);

    /** Closes the ticket and takes it out of both indexes; a scheduled close goes with it. */
    CloseOutcome close(ContactKey contact, TicketId id, Closing closing, CloseCondition condition);

    /** What became of the closing message, once its send is over. */
    void recordClosingMessage(ContactKey contact, TicketId id, ClosingMessage message);

    /**
     * Marks the window that runs from {@code lastInboundAt} as EXPIRING on the ticket. False when
     * it was marked already, the customer wrote since, or the ticket closed: only the caller that
     * gets true may nudge, so a window is nudged at most once.
     */
    boolean markExpiring(ContactKey contact, TicketId id, Instant lastInboundAt, Instant at);

    /** What became of the nudge sent for the marked window. */
    void recordNudge(ContactKey contact, TicketId id, Instant at, ClosingMessage outcome);

    enum ScheduleOutcome {
        SCHEDULED,
        ALREADY_CLOSED,
        NOT_FOUND
    }

    /** Sets (or replaces) the ticket's scheduled close. */
    ScheduleOutcome scheduleClose(ContactKey contact, TicketId id, ScheduledClose close);

    enum CancelOutcome {
        CANCELLED,
        NOT_SCHEDULED,
        ALREADY_CLOSED,
        NOT_FOUND
    }

    /**
     * Cancels the ticket's scheduled close; with {@code onlyAt}, only the close scheduled for that
     * instant (the sweeper dropping a close a reply cancelled must not drop a newer one).
     */
    CancelOutcome cancelScheduledClose(ContactKey contact, TicketId id, Optional<Instant> onlyAt);
}
