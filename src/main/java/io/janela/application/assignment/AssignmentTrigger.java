package io.janela.application.assignment;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.TicketId;

/**
 * Says that assignment has work: a ticket entered a queue, or an agent came online. In AWS the
 * tables' streams carry these to the {@code assign} function and this does nothing; local mode runs
 * the same assignment right after the write.
 */
public interface AssignmentTrigger {

    void ticketQueued(ContactKey contact, TicketId ticket);

    void agentOnline(String email);
}
