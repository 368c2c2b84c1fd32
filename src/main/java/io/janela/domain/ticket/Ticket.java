package io.janela.domain.ticket;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.window.CustomerServiceWindow;
import java.time.Instant;

/** A human conversation with one contact, from the customer's first message until it closes. */
public record Ticket(
        TicketId id,
        ProtocolNumber protocol,
        ContactKey contact,
        TicketStatus status,
        Instant openedAt,
        Instant lastInboundAt) {

    public static Ticket open(TicketId id, ProtocolNumber protocol, ContactKey contact, Instant firstInboundAt) {
        return new Ticket(id, protocol, contact, TicketStatus.WAITING, firstInboundAt, firstInboundAt);
    }

    /** Another customer message joins the ticket; an older one never moves it backwards. */
    public Ticket joinedBy(Instant inboundAt) {
        if (!inboundAt.isAfter(lastInboundAt)) {
            return this;
        }
        return new Ticket(id, protocol, contact, status, openedAt, inboundAt);
    }

    public boolean isOpen() {
        return status != TicketStatus.CLOSED;
    }

    /** The window this ticket can still be answered in. */
    public CustomerServiceWindow window() {
        return CustomerServiceWindow.since(lastInboundAt);
    }
}
