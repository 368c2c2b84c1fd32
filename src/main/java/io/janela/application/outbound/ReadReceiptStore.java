package io.janela.application.outbound;

import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import java.util.Optional;

/** What a read receipt reads: the ticket, and its customer's newest message on it. */
public interface ReadReceiptStore {

    /** {@code lastInboundWamid} is empty for a ticket opened before Janela kept it. */
    record TicketInbound(Ticket ticket, Optional<String> lastInboundWamid) {
    }

    Optional<TicketInbound> ticketInbound(TicketId ticket);
}
