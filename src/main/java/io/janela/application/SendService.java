package io.janela.application;

import io.janela.application.MessageSender.Accepted;
import io.janela.application.MessageSender.Rejected;
import io.janela.application.MessageSender.SendOutcome;
import io.janela.application.OutboundLog.OutboundRecord;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundGuard;
import io.janela.domain.outbound.OutboundMessage;
import io.janela.domain.outbound.Refusal;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.routing.ReplyRule;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.ticket.Ticket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** One message to one customer, from an agent: guarded, sent, recorded. */
@ApplicationScoped
public class SendService {

    private static final Logger LOG = Logger.getLogger(SendService.class);
    /** Stands in for an agent when Janela itself writes: it may send no active message. */
    private static final Agent JANELA = new Agent("janela@janela.invalid", "Janela", AgentStatus.ONLINE, false);

    private final ContactStore contacts;
    private final DirectoryStore directory;
    private final OutboundLog outbound;
    private final MessageSender sender;
    private final MetaFailures failures;
    private final TicketEdits tickets;
    private final Clock clock;
    private final Duration expiringLead;

    @Inject
    public SendService(ContactStore contacts, DirectoryStore directory, OutboundLog outbound, MessageSender sender,
            MetaFailures failures, TicketEdits tickets, Clock clock, JanelaConfig config) {
        this.contacts = contacts;
        this.directory = directory;
        this.outbound = outbound;
        this.sender = sender;
        this.failures = failures;
        this.tickets = tickets;
        this.clock = clock;
        this.expiringLead = config.window().expiringLead();
    }

    /** What the caller asked; the acting agent comes from the caller's identity, never from the body. */
    public record SendCommand(String actorEmail, ContactKey to, OutboundContent content, Optional<ReplyRoute> replyRoute) {
        public SendCommand {
            if (replyRoute.isPresent() && !(content instanceof OutboundContent.Template)) {
                throw new IllegalArgumentException("replyRouting goes with a template: it routes the answer to an active message");
            }
        }
    }

    public sealed interface SendResult {
    }

    public record Sent(String messageId, String wamid, boolean activeMessage) implements SendResult {
    }

    public record NotAnAgent(String email) implements SendResult {
    }

    public record Refused(Refusal refusal) implements SendResult {
    }

    /** Meta refused or could not be reached; the attempt is stored as failed under {@code messageId}. */
    public record NotDelivered(String messageId, SendOutcome outcome) implements SendResult {
    }

    public SendResult send(SendCommand command) {
        Optional<Agent> actor = directory.findAgent(command.actorEmail());
        if (actor.isEmpty()) {
            return new NotAnAgent(command.actorEmail());
        }
        Optional<Template> template = command.content() instanceof OutboundContent.Template asked
                ? directory.findTemplate(asked.name(), asked.language())
                : Optional.empty();
        // recorded under the directory's spelling of the address
        SendCommand asAgent = new SendCommand(actor.get().email(), command.to(), command.content(), command.replyRoute());
        return guardedSend(actor.get(), asAgent, template, true);
    }

    /**
     * Janela's own free-form text (a closing message, a nudge), recorded as sent by {@code sentBy}:
     * the same guard and the same record as an agent's message. Being text, it is only ever sent
     * inside the window, never as an active message.
     */
    public SendResult sendFreeForm(String sentBy, ContactKey to, String text) {
        return guardedSend(JANELA, new SendCommand(sentBy, to, new OutboundContent.Text(text), Optional.empty()),
                Optional.empty(), false);
    }

    /** {@code agentReply}: an agent wrote it, so it answers the contact's open ticket (Janela's own texts do not). */
    private SendResult guardedSend(Agent actor, SendCommand command, Optional<Template> template, boolean agentReply) {
        Instant now = clock.instant();
        Checked checked = guard(actor, command, template, now);
        if (checked.verdict() instanceof OutboundGuard.Refused refused) {
            LOG.infof("event=send_refused reason=%s by=%s contact=%s", refused.refusal().code(), command.actorEmail(),
                    command.to().masked());
            return new Refused(refused.refusal());
        }
        boolean active = ((OutboundGuard.Allowed) checked.verdict()).activeMessage();
        Optional<Ticket> answering = agentReply ? checked.openTicket() : Optional.empty();
        return deliver(command, template.flatMap(Template::category), active, answering, now);
    }

    /** The guard's verdict, and the contact's open ticket as the guard read it. */
    private record Checked(OutboundGuard.Verdict verdict, Optional<Ticket> openTicket) {
    }

    private Checked guard(Agent actor, SendCommand command, Optional<Template> template, Instant now) {
        if (directory.senderBackoff(command.to().phoneNumberId()).filter(backoff -> backoff.activeAt(now)).isPresent()) {
            return new Checked(new OutboundGuard.Refused(new Refusal(Refusal.Reason.RATE_LIMITED,
                    "Meta asked this business number to slow down; try again in a few seconds")), Optional.empty());
        }
        Optional<Agent> replyAgent = command.replyRoute()
                .filter(ReplyRoute.ToAgent.class::isInstance)
                .flatMap(route -> directory.findAgent(route.target()));
        OutboundGuard.Recipient recipient = contacts.recipient(command.to());
        return new Checked(new OutboundGuard(directory.activeMessagePolicy(), expiringLead)
                .check(actor, command.content(), command.replyRoute(), recipient, template, replyAgent, now),
                recipient.openTicket());
    }

    private SendResult deliver(SendCommand command, Optional<String> category, boolean active, Optional<Ticket> answering,
            Instant now) {
        String sentBy = command.actorEmail();
        SendOutcome outcome = sender.send(new OutboundMessage(command.to(), command.content(), Optional.empty()));
        OutboundRecord record = OutboundRecord.of(outcome, command.to(), command.content(), category, active, sentBy,
                Optional.empty(), now, Optional.empty());
        outbound.recordOutbound(record);
        if (outcome instanceof Accepted accepted) {
            command.replyRoute().ifPresent(route ->
                    contacts.recordReplyRule(command.to(), new ReplyRule(route, now, sentBy)));
            LOG.infof("event=message_sent id=%s active=%s by=%s contact=%s", record.messageId(), active, sentBy,
                    command.to().masked());
            answering.ifPresent(ticket -> answer(ticket, sentBy, now));
            return new Sent(record.messageId(), accepted.wamid(), active);
        }
        MetaError error = record.failure().orElseThrow();
        if (outcome instanceof Rejected) {
            failures.apply(command.to(), Optional.empty(), error, now);
        }
        LOG.warnf("event=message_not_delivered id=%s code=%d contact=%s", record.messageId(), error.code(),
                command.to().masked());
        return new NotDelivered(record.messageId(), outcome);
    }

    /**
     * The desk's conventions for a reply: it stops the ticket's unanswered timer, and an agent who
     * answers a ticket nobody holds takes it (its department stays); a ticket another agent holds,
     * or that waits for another agent, stays theirs. The message is already with Meta, so a failure
     * here is logged, never turned into a failed send that the desk would send again.
     */
    private void answer(Ticket ticket, String agent, Instant now) {
        try {
            TicketEdits.ReplyOutcome outcome = tickets.replied(ticket, agent, now);
            if (outcome == TicketEdits.ReplyOutcome.TOOK_OVER) {
                contacts.recordLastAgent(ticket.contact(), agent, now);
                LOG.infof("event=ticket_taken_over ticket=%s agent=%s by=%s", ticket.id(), agent, agent);
            }
        } catch (RuntimeException failure) {
            LOG.warnf(failure, "event=reply_mark_failed ticket=%s by=%s", ticket.id(), agent);
        }
    }
}
