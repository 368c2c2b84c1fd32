package io.janela.domain.ticket;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.window.CustomerServiceWindow;
import java.time.Instant;
import java.util.Optional;

/** A human conversation with one contact, from the customer's first message until it closes. */
public record Ticket(
        TicketId id,
        ProtocolNumber protocol,
        ContactKey contact,
        TicketStatus status,
        Instant openedAt,
        Instant lastInboundAt,
        Assignment assignment,
        Optional<Closing> closing,
        Optional<ScheduledClose> scheduledClose) {

    public static Ticket open(TicketId id, ProtocolNumber protocol, ContactKey contact, Instant firstInboundAt,
            Assignment assignment) {
        return new Ticket(id, protocol, contact, assignment.initialStatus(), firstInboundAt, firstInboundAt, assignment,
                Optional.empty(), Optional.empty());
    }

    public Optional<String> agent() {
        return assignment.agent();
    }

    /** Another customer message joins the ticket; an older one never moves it backwards. */
    public Ticket joinedBy(Instant inboundAt) {
        if (!inboundAt.isAfter(lastInboundAt)) {
            return this;
        }
        return new Ticket(id, protocol, contact, status, openedAt, inboundAt, assignment, closing, scheduledClose);
    }

    /** The close still ahead of this ticket: none once closed, none once a customer reply cancelled it. */
    public Optional<ScheduledClose> pendingClose() {
        return scheduledClose.filter(close -> isOpen() && !close.cancelledBy(lastInboundAt));
    }

    public boolean isOpen() {
        return status != TicketStatus.CLOSED;
    }

    /** The window this ticket can still be answered in. */
    public CustomerServiceWindow window() {
        return CustomerServiceWindow.since(lastInboundAt);
    }
}
