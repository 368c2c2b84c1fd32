package io.janela.application.assignment;

import io.janela.domain.assignment.AssignmentRules;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The tickets as assignment reads and writes them: what waits in each queue, the hand-over to an
 * agent, and how many tickets an agent holds. Every write is conditional on the ticket being where
 * it was read: a ticket taken or moved meanwhile is left alone.
 */
public interface AssignmentStore {

    /**
     * A ticket with what the rules need from its contact. {@code queue} and {@code queuedAt} are the
     * queue it waits in ({@link io.janela.domain.ticket.Assignment#waitingQueue()}) and since when,
     * empty once it no longer waits.
     */
    record Candidate(Ticket ticket, Optional<String> queue, Optional<Instant> queuedAt, Optional<String> defaultAgent,
            Optional<String> lastAgent) {

        public boolean waiting() {
            return ticket.status() == TicketStatus.WAITING && queue.isPresent() && queuedAt.isPresent();
        }

        /** The same ticket as if it waited in {@code department}'s queue (for the rules to weigh; nothing is written). */
        public Candidate inDepartment(String department) {
            Assignment was = ticket.assignment();
            Ticket moved = new Ticket(ticket.id(), ticket.protocol(), ticket.contact(), ticket.status(), ticket.openedAt(),
                    ticket.lastInboundAt(), new Assignment(was.agent(), Optional.of(department), was.reservedFor(), was.byHand()),
                    ticket.closing(), ticket.scheduledClose(), ticket.contactName(), ticket.tags(), ticket.unansweredSince(),
                    ticket.contactIdentity());
            return new Candidate(moved, Optional.of(Assignment.departmentQueue(department)), queuedAt, defaultAgent, lastAgent);
        }
    }

    /** The ticket and its contact's profile, read consistently; empty when there is no such ticket. */
    Optional<Candidate> candidate(ContactKey contact, TicketId ticket);

    /**
     * The tickets waiting in {@code queue}, oldest first, read a page at a time as the caller goes on
     * ({@code pageSize} is asked before each page). Tickets that left the queue since the index
     * listed them are skipped.
     */
    Iterator<Candidate> waiting(String queue, IntSupplier pageSize);

    /**
     * Gives the waiting ticket, as it was read, to {@code agent}; with {@code intoDepartment}, a ticket
     * that had no department gets that one in the same write. False, and nothing written, when it is
     * no longer waiting where it was read (taken, moved, or re-queued since).
     */
    boolean assign(Candidate ticket, Optional<String> intoDepartment, String agent, AssignmentRules.Reason reason, String by,
            Instant at);

    /**
     * Puts a ticket that waits with no department and no reserved agent into {@code department}'s
     * queue, keeping its place in line ({@code queuedAt}); false, and nothing written, when it changed since it was read.
     */
    boolean placeInDepartment(Candidate ticket, String department);

    /** The tickets not closed that {@code agent} holds. */
    int openTicketsOf(String agent);
}
