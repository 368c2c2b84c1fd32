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
import io.janela.application.outbound.OutboundLog.OutboundRecord;
import io.janela.application.WindowSettings;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundGate;
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
import java.util.Optional;
import org.jboss.logging.Logger;

/** One message to one customer, from an agent: guarded, sent, recorded. */
@ApplicationScoped
public class SendService {

    private static final Logger LOG = Logger.getLogger(SendService.class);
    /** Stands in for an agent when Janela itself writes: it may send no active message. */
    private static final Agent JANELA = new Agent("janela@janela.invalid", "Janela", AgentStatus.ONLINE, false);

    private final ContactStore contacts;
    private final ContactResolver resolver;
    private final DirectoryStore directory;
    private final Agents agents;
    private final OutboundLog outbound;
    private final MessageSender sender;
    private final MetaFailures failures;
    private final ReplyStore replies;
    private final Clock clock;
    private final Duration expiringLead;

    @Inject
    public SendService(ContactStore contacts, ContactResolver resolver, DirectoryStore directory, OutboundLog outbound,
            MessageSender sender, MetaFailures failures, ReplyStore replies, Clock clock, WindowSettings window) {
        this.contacts = contacts;
        this.resolver = resolver;
        this.directory = directory;
        this.agents = new Agents(directory);
        this.outbound = outbound;
        this.sender = sender;
        this.failures = failures;
        this.replies = replies;
        this.clock = clock;
        this.expiringLead = window.expiringLead();
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

    /** Who a send goes to: the id they were named by, and their contact when Janela knows the customer. */
    private record Target(String phoneNumberId, CustomerId named, Optional<ContactKey> contact) {
        static Target known(ContactKey contact, CustomerId address) {
            return new Target(contact.phoneNumberId(), address, Optional.of(contact));
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
        Optional<Template> template = command.content() instanceof OutboundContent.Template asked
                ? directory.findTemplate(asked.name(), asked.language())
                : Optional.empty();
        Target target = new Target(command.phoneNumberId(), command.to(), resolver.find(command.phoneNumberId(), command.to()));
        // recorded as sent by the agent's email as the directory spells it
        return guardedSend(actor, actor.email(), target, command.content(), command.replyRoute(), template, true);
    }

    /**
     * Janela's own free-form text (a closing message, a nudge), recorded as sent by {@code sentBy}:
     * the same guard and the same record as an agent's message. Being text, it is only ever sent
     * inside the window, never as an active message.
     */
    public SendResult sendFreeForm(String sentBy, ContactKey to, String text) {
        Optional<CustomerId> address = contacts.recipient(to).profile().address();
        if (address.isEmpty()) {
            return new Refused(new Refusal(Refusal.Reason.NO_ADDRESS, NO_ADDRESS));
        }
        return guardedSend(JANELA, sentBy, Target.known(to, address.get()), new OutboundContent.Text(text), Optional.empty(),
                Optional.empty(), false);
    }

    private static final String NO_ADDRESS = "Janela knows no phone number or user id of this contact to send to";

    /** {@code agentReply}: an agent wrote it, so it answers the contact's open ticket (Janela's own texts do not). */
    private SendResult guardedSend(Agent actor, String sentBy, Target target, OutboundContent content,
            Optional<ReplyRoute> replyRoute, Optional<Template> template, boolean agentReply) {
        Instant now = clock.instant();
        OutboundGate.Recipient recipient = contacts.recipient(target.contact(), target.named());
        OutboundGate.Verdict verdict = guard(actor, target.phoneNumberId(), content, replyRoute, recipient, template, now);
        if (verdict instanceof OutboundGate.Refused refused) {
            LOG.infof("event=send_refused reason=%s by=%s contact=%s", refused.refusal().code(), LogText.of(sentBy),
                    target.contact().map(ContactKey::forLog).orElse(target.named().masked()));
            return new Refused(refused.refusal());
        }
        ContactKey contact = target.contact().orElseGet(() -> firstContact(target, now));
        // the phone when Janela knows one, whichever id the send named: Meta recommends sending to phones
        CustomerId address = recipient.profile().address().orElseThrow();
        boolean active = ((OutboundGate.Allowed) verdict).activeMessage();
        Optional<Ticket> answering = agentReply ? recipient.openTicket() : Optional.empty();
        return deliver(sentBy, new OutboundMessage(contact, address, content, Optional.empty()), replyRoute,
                template.flatMap(Template::category), active, answering, now);
    }


    /** The first send to a customer Janela has never seen makes them a contact, named as the send named them. */
    private ContactKey firstContact(Target target, Instant now) {
        return resolver.create(target.phoneNumberId(), target.named(), now);
    }

    private OutboundGate.Verdict guard(Agent actor, String phoneNumberId, OutboundContent content,
            Optional<ReplyRoute> replyRoute, OutboundGate.Recipient recipient, Optional<Template> template, Instant now) {
        if (directory.senderBackoff(phoneNumberId).filter(backoff -> backoff.activeAt(now)).isPresent()) {
            return new OutboundGate.Refused(new Refusal(Refusal.Reason.RATE_LIMITED,
                    "Meta asked this business number to slow down; try again in a few seconds"));
        }
        Optional<Agent> replyAgent = replyRoute
                .filter(ReplyRoute.ToAgent.class::isInstance)
                .flatMap(route -> directory.findAgent(route.target()));
        return new OutboundGate(directory.activeMessagePolicy(), expiringLead)
                .check(actor, content, replyRoute, recipient, template, replyAgent, now);
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
