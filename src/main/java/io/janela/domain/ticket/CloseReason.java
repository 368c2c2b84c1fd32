package io.janela.domain.ticket;

/** Who or what closed a ticket. */
public enum CloseReason {
    /** An agent closed it from the desk. */
    AGENT,
    /** A close an agent scheduled, carried out by the sweeper at its time. */
    SCHEDULED,
    /** The sweeper, before the customer's 24-hour window ends. */
    WINDOW_GUARD
}
