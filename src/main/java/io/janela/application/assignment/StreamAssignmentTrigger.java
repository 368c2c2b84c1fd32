package io.janela.application.assignment;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.TicketId;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** In AWS the tables' streams trigger {@code assign}: the write itself is the signal, nothing more to do. */
@DefaultBean
@ApplicationScoped
public class StreamAssignmentTrigger implements AssignmentTrigger {

    @Override
    public void ticketQueued(ContactKey contact, TicketId ticket) {
        // the ticket's write reaches assign through the contacts table's stream
    }

    @Override
    public void agentOnline(String email) {
        // the agent's status write reaches assign through the directory table's stream
    }
}
