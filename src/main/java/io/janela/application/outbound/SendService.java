package io.janela.application.outbound;

import io.janela.application.LogText;
import io.janela.application.contacts.ContactResolver;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.Agents;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.directory.NotAnAgent;
import io.janela.application.outbound.MessageSender.Accepted;
import io.janela.application.outbound.MessageSender.Rejected;
import io.janela.application.outbound.MessageSender.SendOutcome;
import io.janela.application.outbound.OutboundStore.OutboundRecord;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundGate;
import io.janela.domain.outbound.OutboundGate.AgentMessage;
import io.janela.domain.outbound.OutboundGate.JanelaText;
import io.janela.domain.outbound.OutboundMessage;
import io.janela.domain.outbound.Refusal;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.routing.ReplyRule;
import io.janela.domain.team.Agent;
import io.janela.domain.template.Template;
import io.janela.domain.ticket.Ticket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/** One message to one customer, from an agent or from Janela: past the gate, sent, recorded. */
@ApplicationScoped
public class SendService {

    private static final Logger LOG = Logger.getLogger(SendService.class);

    private final ContactStore contacts;
    private final ContactResolver resolver;
    private final DirectoryStore directory;
    private final Agents agents;
    private final OutboundStore outbound;
    private final MessageSender sender;
    private final MetaFailures failures;
    private final ReplyStore replies;
    private final Gatekeeper gatekeeper;
    private final Clock clock;

    @Inject
    public SendService(ContactStore contacts, ContactResolver resolver, DirectoryStore directory, OutboundStore outbound,
            MessageSender sender, MetaFailures failures, ReplyStore replies, Gatekeeper gatekeeper, Clock clock) {
        this.contacts = contacts;
        this.resolver = resolver;
        this.directory = directory;
        this.agents = new Agents(directory);
        this.outbound = outbound;
        this.sender = sender;
        this.failures = failures;
        this.replies = replies;
        this.gatekeeper = gatekeeper;
        this.clock = clock;
    }

    /**
     * What the caller asked: to the customer Meta knows as {@code to} (a phone number or a BSUID) on
     * business number {@code phoneNumberId}. The acting agent comes from the caller's identity, never
     * from the body.
     */
    public record SendCommand(String actorEmail, String phoneNumberId, CustomerId to, OutboundContent content,
            Optional<ReplyRoute> replyRoute) {
        public SendCommand {
            if (replyRoute.isPresent() && !(content instanceof OutboundContent.Template)) {
                throw new IllegalArgumentException("replyRouting goes with a template: it routes the answer to an active message");
            }
        }
    }

    /**
     * Who a send goes to, as the gate weighs them: their contact when Janela knows the customer,
     * otherwise someone never seen, whose only id is the one the send named them by.
     */
    private record Target(String phoneNumberId, Optional<ContactKey> contact, OutboundGate.Recipient recipient) {
        /** The phone when Janela knows one, whichever id the send named: Meta recommends sending to phones. */
        CustomerId address() {
            return recipient.profile().address().orElseThrow();
        }

        String forLog() {
            return contact.map(ContactKey::forLog).orElseGet(() -> address().masked());
        }
    }

    public sealed interface SendResult {
    }

    public record Sent(String messageId, String wamid, boolean activeMessage) implements SendResult {
    }

    public record Refused(Refusal refusal) implements SendResult {
    }

    /** Meta refused or could not be reached; the attempt is stored as failed under {@code messageId}. */
    public record NotDelivered(String messageId, SendOutcome outcome) implements SendResult {
    }

    /** Refused with {@link NotAnAgent} before anything is read or sent for an actor who is not an agent. */
    public SendResult send(SendCommand command) {
        Agent actor = agents.acting(command.actorEmail());
        Optional<ContactKey> known = resolver.find(command.phoneNumberId(), command.to());
        Target target = new Target(command.phoneNumberId(), known, gatekeeper.recipient(known, command.to()));
        AgentMessage message = gatekeeper.agentMessage(actor, command.content(), command.replyRoute());
        // recorded as sent by the agent's email as the directory spells it
        return guardedSend(message, actor.email(), target, command.content(), command.replyRoute());
    }

    /**
     * Janela's own free-form text (a closing message, a nudge), recorded as sent by {@code sentBy}:
     * the same gate and the same record as an agent's message. Being text, it is only ever sent
     * inside the window, never as an active message.
     */
    public SendResult sendFreeForm(String sentBy, ContactKey to, String text) {
        OutboundContent.Text content = new OutboundContent.Text(text);
        Target target = new Target(to.phoneNumberId(), Optional.of(to), gatekeeper.recipient(to));
        return guardedSend(new JanelaText(content), sentBy, target, content, Optional.empty());
    }

    private SendResult guardedSend(OutboundGate.Send send, String sentBy, Target target, OutboundContent content,
            Optional<ReplyRoute> replyRoute) {
        Instant now = clock.instant();
        OutboundGate.Desk desk = gatekeeper.desk(target.phoneNumberId(), content);
        OutboundGate.Verdict verdict = gatekeeper.check(send, desk, target.recipient(), now);
        if (verdict instanceof OutboundGate.Refused refused) {
            LOG.infof("event=send_refused reason=%s by=%s contact=%s", refused.refusal().code(), LogText.of(sentBy),
                    target.forLog());
            return new Refused(refused.refusal());
        }
        ContactKey contact = target.contact().orElseGet(() -> firstContact(target, now));
        boolean active = ((OutboundGate.Allowed) verdict).activeMessage();
        // an agent's message answers the contact's open ticket; Janela's own texts answer nothing
        Optional<Ticket> answering = send instanceof AgentMessage ? target.recipient().openTicket() : Optional.empty();
        return deliver(sentBy, new OutboundMessage(contact, target.address(), content, Optional.empty()), replyRoute,
                desk.template().flatMap(Template::category), active, answering, now);
    }

    /** The first send to a customer Janela has never seen makes them a contact, named as the send named them. */
    private ContactKey firstContact(Target target, Instant now) {
        return resolver.create(target.phoneNumberId(), target.address(), now);
    }

    private SendResult deliver(String sentBy, OutboundMessage message, Optional<ReplyRoute> replyRoute,
            Optional<String> category, boolean active, Optional<Ticket> answering, Instant now) {
        SendOutcome outcome = sender.send(message);
        OutboundRecord record = OutboundRecord.of(outcome, message.to(), message.content(), category, active, sentBy,
                Optional.empty(), now, Optional.empty());
        outbound.recordOutbound(record);
        if (outcome instanceof Accepted accepted) {
            replyRoute.ifPresent(route -> contacts.recordReplyRule(message.to(), new ReplyRule(route, now, sentBy)));
            LOG.infof("event=message_sent id=%s active=%s by=%s contact=%s", record.messageId(), active, LogText.of(sentBy),
                    message.to().forLog());
            answering.ifPresent(ticket -> answer(ticket, sentBy, now));
            return new Sent(record.messageId(), accepted.wamid(), active);
        }
        MetaError error = record.failure().orElseThrow();
        if (outcome instanceof Rejected) {
            failures.apply(message.to(), Optional.empty(), error, now);
        }
        LOG.warnf("event=message_not_delivered id=%s code=%d contact=%s", record.messageId(), error.code(),
                message.to().forLog());
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
            ReplyStore.ReplyOutcome outcome = replies.replied(ticket, agent, now);
            if (outcome == ReplyStore.ReplyOutcome.TOOK_OVER) {
                contacts.recordLastAgent(ticket.contact(), agent, now);
                LOG.infof("event=ticket_taken_over ticket=%s by=%s", ticket.id(), LogText.of(agent));
            }
        } catch (RuntimeException failure) {
            LOG.warnf(failure, "event=reply_mark_failed ticket=%s", ticket.id());
        }
    }
}
