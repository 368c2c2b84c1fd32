package io.janela.application.outbound;

import io.janela.application.WindowSettings;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundGate;
import io.janela.domain.outbound.OutboundGate.AgentMessage;
import io.janela.domain.outbound.OutboundGate.CampaignMessage;
import io.janela.domain.outbound.OutboundGate.Desk;
import io.janela.domain.outbound.OutboundGate.Recipient;
import io.janela.domain.outbound.Refusal;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.template.Template;
import io.janela.domain.window.CustomerServiceWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads what the outbound gate weighs, the same way on every path that sends to a customer (an
 * agent's message, Janela's own texts, a campaign, the retry of a template Meta held back), and
 * asks the gate. Nothing reaches Meta without its verdict.
 */
@ApplicationScoped
public class Gatekeeper {

    private final ContactStore contacts;
    private final DirectoryStore directory;
    private final OutboundGate gate;

    @Inject
    public Gatekeeper(ContactStore contacts, DirectoryStore directory, WindowSettings window) {
        this.contacts = contacts;
        this.directory = directory;
        this.gate = new OutboundGate(window.expiringLead());
    }

    /** What the desk records for a send of {@code content} on business number {@code phoneNumberId}. */
    public Desk desk(String phoneNumberId, OutboundContent content) {
        return content instanceof OutboundContent.Template template
                ? desk(phoneNumberId, template.name(), template.language())
                : desk(phoneNumberId, Optional.empty());
    }

    /** What the desk records for sends of one template on business number {@code phoneNumberId}: once per campaign batch. */
    public Desk desk(String phoneNumberId, String templateName, String templateLanguage) {
        return desk(phoneNumberId, directory.findTemplate(templateName, templateLanguage));
    }

    private Desk desk(String phoneNumberId, Optional<Template> template) {
        return new Desk(directory.activeMessagePolicy(), directory.senderBackoff(phoneNumberId), template);
    }

    /** The contact as the gate weighs it; someone who never wrote has no window. */
    public Recipient recipient(ContactKey contact) {
        return contacts.findContact(contact)
                .map(found -> new Recipient(found.profile(), found.window(), found.openTicket()))
                .orElseGet(() -> new Recipient(ContactProfile.firstSeen(contact, ContactIdentity.NONE),
                        CustomerServiceWindow.none(), Optional.empty()));
    }

    /**
     * The customer a send or a campaign row names by {@code named}, as the gate weighs them: their
     * contact when Janela knows them, otherwise someone never seen, reachable at {@code named}, with
     * no window (nothing is written for them until the gate lets the send go).
     */
    public Recipient recipient(Optional<ContactKey> contact, CustomerId named) {
        return contact.map(this::recipient)
                .orElseGet(() -> new Recipient(ContactProfile.firstSeen(ContactKey.PROVISIONAL, ContactIdentity.of(named)),
                        CustomerServiceWindow.none(), Optional.empty()));
    }

    /** An agent's message, with the team member its reply route names when it names an agent. */
    public AgentMessage agentMessage(Agent actor, OutboundContent content, Optional<ReplyRoute> replyRoute) {
        Optional<Agent> replyAgent = replyRoute
                .filter(ReplyRoute.ToAgent.class::isInstance)
                .flatMap(route -> directory.findAgent(route.target()));
        return new AgentMessage(actor, content, replyRoute, replyAgent);
    }

    public OutboundGate.Verdict check(OutboundGate.Send send, Desk desk, Recipient recipient, Instant now) {
        return gate.check(send, desk, recipient, now);
    }

    /** @see OutboundGate#receiptProblem */
    public Optional<Refusal> receiptProblem(ContactKey contact, Instant now) {
        return gate.receiptProblem(desk(contact.phoneNumberId(), Optional.empty()), recipient(contact), now);
    }

    /** @see OutboundGate#deskProblem */
    public Optional<Refusal> deskProblem(CampaignMessage campaign, Desk desk, Instant now) {
        return gate.deskProblem(campaign, desk, now);
    }

    /** @see OutboundGate#campaignProblem */
    public Optional<Refusal> campaignProblem(CampaignMessage campaign, Desk desk) {
        return gate.campaignProblem(campaign, desk);
    }
}
