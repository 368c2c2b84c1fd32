package io.janela.application.assignment;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.TicketId;

/** What a change in the tables asks of assignment; the {@code assign} function reads these off the streams. */
public sealed interface AssignmentSignal {

    /** A ticket entered a queue: it opened waiting, or was moved to another queue. */
    record TicketQueued(ContactKey contact, TicketId ticket) implements AssignmentSignal {
    }

    /** An agent's status became ONLINE. */
    record AgentOnline(String email) implements AssignmentSignal {
    }

    /** An agent stopped holding a ticket (closed, or moved away from them): they have room for another. */
    record SlotFreed(String email, TicketId ticket) implements AssignmentSignal {
    }
}
