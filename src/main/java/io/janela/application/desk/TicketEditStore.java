package io.janela.application.desk;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.desk.Note;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the desk changes on tickets and contacts by hand. Each write takes the ticket as the caller read it and is conditional on what
 * matters of that reading, so an edit made meanwhile (a close, another agent taking the ticket, a
 * customer message) is never overwritten.
 */
public interface TicketEditStore {

    /** A ticket edit: the ticket as written, or why nothing was written. */
    sealed interface EditOutcome {
    }

    record Applied(Ticket ticket) implements EditOutcome {
    }

    record TicketClosed() implements EditOutcome {
    }

    record TicketGone() implements EditOutcome {
    }

    /** The tags would be more than a ticket carries; {@code count} is how many it would have. */
    record TooManyTags(int count) implements EditOutcome {
    }

    /**
     * By hand to an agent, as {@link io.janela.domain.ticket.Assignment#byHandToAgent} says: the agent
     * holds it (OPEN) and the department goes, as desks expect; a reservation or a place in a queue
     * goes too. Refused once closed.
     */
    EditOutcome assignToAgent(Ticket ticket, String agent, String by, Instant at);

    /**
     * By hand to a department ({@link io.janela.domain.ticket.Assignment#byHandToDepartment}): the ticket
     * waits in its queue from {@code at}, with no agent. Refused once closed.
     */
    EditOutcome assignToDepartment(Ticket ticket, String department, String by, Instant at);

    /**
     * Adds and removes tags as {@link Ticket#retagged} decides; a closed ticket is still tagged (reports).
     * Refused when the ticket would carry more than {@link io.janela.domain.desk.Tags#MAX_PER_TICKET}, held
     * exactly by the write itself.
     */
    EditOutcome retag(Ticket ticket, Set<String> add, Set<String> remove, String by, Instant at);

    /** A note as stored: {@code id} orders it among the ticket's notes. */
    record StoredNote(String id, TicketId ticket, Note note) {
    }

    StoredNote addNote(ContactKey contact, TicketId ticket, Note note);

    /** The ticket's notes, oldest first. */
    List<StoredNote> notes(ContactKey contact, TicketId ticket);

    /** The contact's default agent: {@code email} empty clears it. */
    record DefaultAgent(Optional<String> email) {
    }

    /** The flags the desk sets on a contact; an empty field is left as it is. */
    record ContactFlags(Optional<Boolean> blocked, Optional<Boolean> broadcastOptOut, Optional<DefaultAgent> defaultAgent) {
        public ContactFlags {
            if (blocked.isEmpty() && broadcastOptOut.isEmpty() && defaultAgent.isEmpty()) {
                throw new IllegalArgumentException("the body needs at least one of blocked, broadcastOptOut, defaultAgent");
            }
        }
    }

    void setContactFlags(ContactKey contact, ContactFlags flags, String by, Instant at);
}
