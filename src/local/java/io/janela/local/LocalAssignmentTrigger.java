package io.janela.local;

import io.janela.application.assignment.Assigner;
import io.janela.application.assignment.AssignmentTrigger;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.TicketId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Local mode has no table streams: the assignment the {@code assign} function would do runs here,
 * right after the write that asks for it, in the same process. The write has already happened and
 * stands: a failure here is logged, never passed on to the caller. Only the local build carries this
 * bean; in function.zip the streams trigger {@code assign} and {@code StreamAssignmentTrigger} does nothing.
 */
@ApplicationScoped
public class LocalAssignmentTrigger implements AssignmentTrigger {

    private static final Logger LOG = Logger.getLogger(LocalAssignmentTrigger.class);

    @Inject
    JanelaConfig config;
    @Inject
    Assigner assigner;

    @Override
    public void ticketQueued(ContactKey contact, TicketId ticket) {
        run("ticket_queued", () -> assigner.assignTicket(contact, ticket));
    }

    @Override
    public void agentOnline(String email) {
        run("agent_online", () -> assigner.agentOnline(email));
    }

    private void run(String signal, Runnable assignment) {
        if (!config.local().enabled()) {
            return;
        }
        try {
            assignment.run();
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "event=local_assignment_failed signal=%s", signal);
        }
    }
}
