package io.janela.domain.ticket;

public enum TicketStatus {
    /** Opened by a customer message, no agent yet. */
    WAITING,
    /** An agent holds it. */
    OPEN,
    CLOSED
}
