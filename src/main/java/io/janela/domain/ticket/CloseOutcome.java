package io.janela.domain.ticket;

/** What became of a close: made, or why the ticket was left as it was. */
public enum CloseOutcome {
    CLOSED,
    /** A customer message arrived since the ticket was read: it stays open. */
    CUSTOMER_WROTE,
    ALREADY_CLOSED,
    /** The scheduled close was cancelled or moved since it was read. */
    SCHEDULE_CHANGED,
    NOT_FOUND
}
