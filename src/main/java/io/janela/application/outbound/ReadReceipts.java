package io.janela.application.outbound;

import io.janela.application.LogText;
import io.janela.application.directory.Agents;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.directory.NotAnAgent;
import io.janela.application.outbound.MessageSender.Accepted;
import io.janela.application.outbound.MessageSender.Rejected;
import io.janela.application.outbound.MessageSender.SendOutcome;
import io.janela.application.outbound.ReadReceiptStore.TicketInbound;
import io.janela.domain.outbound.Refusal;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Marks the customer's newest message on a ticket read at Meta, as WhatsApp users expect when
 * someone opens their conversation, with a typing indicator when the agent is about to answer.
 * It reaches the customer, so it is guarded like a send; it is no message, so nothing is stored.
 */
@ApplicationScoped
public class ReadReceipts {

    private static final Logger LOG = Logger.getLogger(ReadReceipts.class);

    private final Agents agents;
    private final ReadReceiptStore tickets;
    private final Gatekeeper gatekeeper;
    private final ReadReceiptSender sender;
    private final MetaFailures failures;
    private final Clock clock;

    @Inject
    public ReadReceipts(DirectoryStore directory, ReadReceiptStore tickets, Gatekeeper gatekeeper, ReadReceiptSender sender,
            MetaFailures failures, Clock clock) {
        this.agents = new Agents(directory);
        this.tickets = tickets;
        this.gatekeeper = gatekeeper;
        this.sender = sender;
        this.failures = failures;
        this.clock = clock;
    }

    public sealed interface ReceiptResult {
    }

    public record Marked(TicketId ticket, String wamid, boolean typing) implements ReceiptResult {
    }

    public record UnknownTicket() implements ReceiptResult {
    }

    public record TicketClosed() implements ReceiptResult {
    }

    /** The ticket keeps no customer message to mark (one opened before Janela kept it). */
    public record NothingToMark() implements ReceiptResult {
    }

    /** The send gate's refusal: the contact is blocked, or Meta asked the number or the contact to slow down. */
    public record Refused(Refusal refusal) implements ReceiptResult {
    }

    /** Meta refused or could not be reached. */
    public record NotMarked(SendOutcome outcome) implements ReceiptResult {
    }

    /** Refused with {@link NotAnAgent} before anything is read for an actor who is not an agent. */
    public ReceiptResult markRead(String actorEmail, TicketId id, boolean typing) {
        String agent = agents.acting(actorEmail).email();
        Optional<TicketInbound> found = tickets.ticketInbound(id);
        if (found.isEmpty()) {
            return new UnknownTicket();
        }
        Ticket ticket = found.get().ticket();
        if (!ticket.isOpen()) {
            return new TicketClosed();
        }
        Instant now = clock.instant();
        Optional<Refusal> refusal = gatekeeper.receiptProblem(ticket.contact(), now);
        if (refusal.isPresent()) {
            LOG.infof("event=read_receipt_refused reason=%s ticket=%s by=%s", refusal.get().code(), id, LogText.of(agent));
            return new Refused(refusal.get());
        }
        Optional<String> wamid = found.get().lastInboundWamid();
        if (wamid.isEmpty()) {
            return new NothingToMark();
        }
        return send(ticket, wamid.get(), typing, agent, now);
    }

    private ReceiptResult send(Ticket ticket, String wamid, boolean typing, String agent, Instant now) {
        SendOutcome outcome = sender.markRead(ticket.contact(), wamid, typing);
        if (outcome instanceof Accepted) {
            LOG.infof("event=read_receipt_sent ticket=%s wamid=%s typing=%b by=%s", ticket.id(), LogText.of(wamid), typing,
                    LogText.of(agent));
            return new Marked(ticket.id(), wamid, typing);
        }
        if (outcome instanceof Rejected rejected) {
            failures.apply(ticket.contact(), Optional.empty(), rejected.error(), now);
        }
        LOG.warnf("event=read_receipt_not_sent ticket=%s outcome=%s", ticket.id(), outcome.getClass().getSimpleName());
        return new NotMarked(outcome);
    }
}
