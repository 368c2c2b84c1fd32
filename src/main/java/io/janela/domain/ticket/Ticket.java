package io.janela.domain.ticket;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.desk.Tags;
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
        return new Ticket(id, protocol, contact, assignment.ticketStatus(), firstInboundAt, firstInboundAt, assignment,
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

    /**
     * What a reply {@code agent} sent at {@code at} does to this ticket. A customer message that came
     * after the reply is not answered by it; instants compare to the second, as they are kept.
     */
    public Reply replyBy(String agent, Instant at) {
        if (!isOpen()) {
            return new Reply.NotOpen();
        }
        boolean takesOver = assignment.freeFor(agent);
        if (!takesOver && unansweredSince.isEmpty()) {
            return new Reply.AlreadyAnswered();
        }
        boolean answersAll = lastInboundAt.getEpochSecond() <= at.getEpochSecond();
        return new Reply.Mark(at, answersAll, takesOver
                ? Optional.of(new Reply.TakeOver(agent, assignment.reservedFor()))
                : Optional.empty());
    }

    /**
     * Put where {@code to} says, with the status that goes with it; an assignment answers nobody. A
     * closed ticket stays as it closed.
     */
    public Ticket assigned(Assignment to) {
        if (!isOpen()) {
            return this;
        }
        return new Ticket(id, protocol, contact, to.ticketStatus(), openedAt, lastInboundAt, to, closing, scheduledClose,
                contactName, tags, unansweredSince, contactIdentity);
    }

    /**
     * The tags once {@code add} are added and {@code remove} removed: a tag already carried does not
     * count twice, and the set stays within {@link Tags#MAX_PER_TICKET}. A closed ticket is tagged too
     * (tags are what reports count).
     */
    public Retag retagged(Set<String> add, Set<String> remove) {
        Set<String> after = new TreeSet<>(tags);
        after.addAll(add);
        after.removeAll(remove);
        return after.size() > Tags.MAX_PER_TICKET ? new Retag.TooManyTags(after.size()) : new Retag.Tagged(after);
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
