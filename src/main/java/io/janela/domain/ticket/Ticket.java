package io.janela.domain.ticket;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.window.CustomerServiceWindow;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A human conversation with one contact, from the customer's first message until it closes.
 * {@code contactName} and {@code contactIdentity} are the contact as its messages on this ticket
 * named it (what the desk lists and searches); {@code unansweredSince} is the first customer
 * message no agent has answered yet.
 */
public record Ticket(
        TicketId id,
        ProtocolNumber protocol,
        ContactKey contact,
        TicketStatus status,
        Instant openedAt,
        Instant lastInboundAt,
        Assignment assignment,
        Optional<Closing> closing,
        Optional<ScheduledClose> scheduledClose,
        Optional<String> contactName,
        Set<String> tags,
        Optional<Instant> unansweredSince,
        ContactIdentity contactIdentity) {

    public Ticket {
        tags = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNullElse(tags, Set.<String>of())));
        contactIdentity = Objects.requireNonNullElse(contactIdentity, ContactIdentity.NONE);
    }

    public Ticket(TicketId id, ProtocolNumber protocol, ContactKey contact, TicketStatus status, Instant openedAt,
            Instant lastInboundAt, Assignment assignment, Optional<Closing> closing,
            Optional<ScheduledClose> scheduledClose) {
        this(id, protocol, contact, status, openedAt, lastInboundAt, assignment, closing, scheduledClose,
                Optional.empty(), Set.of(), Optional.of(openedAt), ContactIdentity.NONE);
    }

    public static Ticket open(TicketId id, ProtocolNumber protocol, ContactKey contact, Instant firstInboundAt,
            Assignment assignment, Optional<String> contactName, ContactIdentity contactIdentity) {
        return new Ticket(id, protocol, contact, assignment.initialStatus(), firstInboundAt, firstInboundAt, assignment,
                Optional.empty(), Optional.empty(), contactName, Set.of(), Optional.of(firstInboundAt), contactIdentity);
    }

    public static Ticket open(TicketId id, ProtocolNumber protocol, ContactKey contact, Instant firstInboundAt,
            Assignment assignment) {
        return open(id, protocol, contact, firstInboundAt, assignment, Optional.empty(), ContactIdentity.NONE);
    }

    public Optional<String> agent() {
        return assignment.agent();
    }

    /** Another customer message joins the ticket; an older one never moves it backwards. */
    public Ticket joinedBy(Instant inboundAt) {
        if (!inboundAt.isAfter(lastInboundAt)) {
            return this;
        }
        return new Ticket(id, protocol, contact, status, openedAt, inboundAt, assignment, closing, scheduledClose,
                contactName, tags, unansweredSince.or(() -> Optional.of(inboundAt)), contactIdentity);
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
