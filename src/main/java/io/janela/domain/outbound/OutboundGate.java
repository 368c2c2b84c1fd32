package io.janela.domain.outbound;

import io.janela.domain.contact.ContactProfile;
import io.janela.domain.outbound.Refusal.Reason;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.template.Template;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.window.CustomerServiceWindow;
import io.janela.domain.window.WindowState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one gate every message to a customer passes: an agent's, Janela's own, a campaign's and the
 * retry of a template Meta held back. Free-form only inside the window; a template outside it is
 * an active message: paid, counted against the business's limits, and only sent when the policy,
 * the sender's permission, the template and the contact's state all allow it. The kind of send
 * says which rules apply; each rule is written once, here.
 */
public final class OutboundGate {

    private final Duration expiringLead;

    public OutboundGate(Duration expiringLead) {
        this.expiringLead = CustomerServiceWindow.checkedLead(expiringLead);
    }

    /** What is sent and on whose behalf: the kind of send says which rules apply. */
    public sealed interface Send permits AgentMessage, JanelaText, CampaignMessage, HeldBackRetry {
    }

    /** An agent's message; {@code replyAgent} is the team member {@code replyRoute} names, when it names an agent. */
    public record AgentMessage(Agent actor, OutboundContent content, Optional<ReplyRoute> replyRoute,
            Optional<Agent> replyAgent) implements Send {
    }

    /** Janela's own text (a closing message, a nudge): being text, it is never an active message. */
    public record JanelaText(OutboundContent.Text text) implements Send {
    }

    /**
     * One recipient's template of a campaign, sent for its creator. A campaign reaches people who did
     * not write to us, so it also spares contacts who opted out of broadcasts, whom Meta cannot
     * deliver to, and who have an open ticket. {@code category} is the template's category as the
     * campaign recorded it; the rows were given their parameters when the audience was built.
     */
    public record CampaignMessage(Agent creator, String templateName, String templateLanguage, Optional<String> category)
            implements Send {
    }

    /**
     * The one retry of a template Meta held back (131049), a day after a send the gate let through.
     * The contact is weighed again as a campaign's recipient (they may have been blocked, opted out
     * or written since), and so are the template's approval and a desk that stopped active messages.
     * The sender's permission and the parameters were weighed at the first send; neither backoff
     * holds a retry back. {@code category} is the one the first send was recorded with.
     */
    public record HeldBackRetry(OutboundContent.Template content, Optional<String> category) implements Send {
    }

    /**
     * What the desk records that a send weighs, whoever receives it: the active-message policy, the
     * business number's backoff (Meta's 130429) and the template the send names, if any.
     */
    public record Desk(ActiveMessagePolicy policy, Optional<SendBackoff> senderBackoff, Optional<Template> template) {
    }

    /** Everything about the recipient the gate weighs, read just before the send. */
    public record Recipient(ContactProfile profile, CustomerServiceWindow window, Optional<Ticket> openTicket) {
    }

    /** The gate's answer; an allowed template outside the window is flagged as an active message. */
    public sealed interface Verdict {
    }

    public record Allowed(boolean activeMessage) implements Verdict {
    }

    public record Refused(Refusal refusal) implements Verdict {
    }

    /** Every rule this kind of send must meet, for one recipient. */
    public Verdict check(Send send, Desk desk, Recipient recipient, Instant now) {
        WindowState window = recipient.window().stateAt(now, expiringLead);
        return problem(send, desk, recipient, window, now)
                .<Verdict>map(Refused::new)
                .orElseGet(() -> new Allowed(!window.allowsFreeForm()));
    }

    /**
     * The rules a campaign meets whoever the recipient: the business number's backoff, then what it
     * needed when it was made. Asked once per batch: a refusal here would refuse every recipient
     * alike, so the campaign waits rather than skip them.
     */
    public Optional<Refusal> deskProblem(CampaignMessage campaign, Desk desk, Instant now) {
        return senderBackoffProblem(desk, now).or(() -> campaignProblem(campaign, desk));
    }

    /**
     * What a campaign needs of the desk to be made: its template approved and enabled, and the policy
     * letting its creator send active messages, since a campaign reaches people whose windows are
     * mostly closed. A backoff on the number refuses no campaign: it waits it out when it sends.
     */
    public Optional<Refusal> campaignProblem(CampaignMessage campaign, Desk desk) {
        return approvalProblem(campaign.templateName(), campaign.templateLanguage(), desk.template())
                .or(() -> policyProblem(desk.policy(), Optional.of(campaign.creator())));
    }

    /**
     * What a read receipt (and its typing indicator) meets: it reaches the customer like any send, so
     * a blocked contact, the number's backoff and the contact's backoff refuse it. It is no message,
     * so the window and the policy have no say.
     */
    public Optional<Refusal> receiptProblem(Desk desk, Recipient recipient, Instant now) {
        return reachNowProblem(desk, recipient, now);
    }

    /** The first rule this kind of send breaks, in the order a refusal is reported. */
    private Optional<Refusal> problem(Send send, Desk desk, Recipient recipient, WindowState window, Instant now) {
        if (send instanceof CampaignMessage campaign) {
            return deskProblem(campaign, desk, now)
                    .or(() -> audienceProblem(recipient, campaign.templateName(), campaign.templateLanguage(),
                            campaign.category()))
                    .or(() -> contactBackoffProblem(recipient.profile(), now));
        }
        if (send instanceof HeldBackRetry retry) {
            OutboundContent.Template content = retry.content();
            return audienceProblem(recipient, content.name(), content.language(), retry.category())
                    .or(() -> approvalProblem(content.name(), content.language(), desk.template()))
                    .or(() -> policyProblem(desk.policy(), Optional.empty()));
        }
        if (send instanceof JanelaText) {
            return reachNowProblem(desk, recipient, now).or(() -> freeFormProblem(window));
        }
        AgentMessage agent = (AgentMessage) send;
        return reachNowProblem(desk, recipient, now)
                .or(() -> replyRouteProblem(agent))
                .or(() -> contentProblem(agent, desk, recipient, window));
    }

    /** Whether this contact can be sent anything right now: the number's backoff, the contact, the contact's backoff. */
    private static Optional<Refusal> reachNowProblem(Desk desk, Recipient recipient, Instant now) {
        return senderBackoffProblem(desk, now)
                .or(() -> reachProblem(recipient.profile()))
                .or(() -> contactBackoffProblem(recipient.profile(), now));
    }

    private static Optional<Refusal> contentProblem(AgentMessage agent, Desk desk, Recipient recipient, WindowState window) {
        if (!(agent.content() instanceof OutboundContent.Template asked)) {
            return freeFormProblem(window);
        }
        return approvalProblem(asked.name(), asked.language(), desk.template())
                .or(() -> parametersProblem(asked, desk.template().get()))
                .or(() -> phoneProblem(asked.name(), asked.language(), desk.template().get().category(), recipient.profile()))
                .or(() -> window.allowsFreeForm() ? Optional.empty() : activeMessageProblem(agent.actor(), desk, recipient));
    }

    private static Optional<Refusal> activeMessageProblem(Agent actor, Desk desk, Recipient recipient) {
        Optional<Refusal> policy = policyProblem(desk.policy(), Optional.of(actor))
                .map(refusal -> new Refusal(refusal.reason(), "the window is closed and " + refusal.sentence()));
        if (policy.isPresent()) {
            return policy;
        }
        Optional<String> holder = recipient.openTicket().flatMap(Ticket::agent);
        if (recipient.openTicket().isPresent() && !holder.filter(actor::is).isPresent()) {
            return refusal(Reason.OPEN_TICKET, "the contact has an open ticket ("
                    + recipient.openTicket().get().protocol().value() + ") held by "
                    + holder.orElse("no agent yet") + "; only its holder may reach them now");
        }
        return Optional.empty();
    }

    /** {@code sender} empty: a retry, whose sender's permission was weighed at the first send. */
    private static Optional<Refusal> policyProblem(ActiveMessagePolicy policy, Optional<Agent> sender) {
        if (policy == ActiveMessagePolicy.BLOCKED) {
            return refusal(Reason.ACTIVE_MESSAGES_BLOCKED, "this desk sends no active messages");
        }
        if (policy == ActiveMessagePolicy.PERMITTED_AGENTS && sender.filter(agent -> !agent.canSendActiveMessages()).isPresent()) {
            return refusal(Reason.AGENT_NOT_PERMITTED, sender.get().email() + " may not send active messages");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> senderBackoffProblem(Desk desk, Instant now) {
        if (desk.senderBackoff().filter(backoff -> backoff.activeAt(now)).isPresent()) {
            return refusal(Reason.RATE_LIMITED, "Meta asked this business number to slow down; try again in a few seconds");
        }
        return Optional.empty();
    }

    /** Whether Janela may, and can, send this contact anything at all. */
    private static Optional<Refusal> reachProblem(ContactProfile profile) {
        if (profile.blocked()) {
            return refusal(Reason.CONTACT_BLOCKED, "this contact is blocked and receives nothing");
        }
        if (profile.address().isEmpty()) {
            return refusal(Reason.NO_ADDRESS, "Janela knows no phone number or user id of this contact to send to");
        }
        return Optional.empty();
    }

    /** Meta's pair rate limit (131056) on this contact. */
    private static Optional<Refusal> contactBackoffProblem(ContactProfile profile, Instant now) {
        if (profile.sendBackoffUntil().filter(now::isBefore).isPresent()) {
            return refusal(Reason.RATE_LIMITED, "Meta asked us to slow down for this contact; try again after "
                    + profile.sendBackoffUntil().get());
        }
        return Optional.empty();
    }

    /**
     * Whom a campaign's template may go to, weighed when the contact's state is fresh: a reachable
     * contact who takes broadcasts, whom Meta can deliver to, who is not talking with the desk, and
     * who has a phone when the template needs one.
     */
    private static Optional<Refusal> audienceProblem(Recipient recipient, String templateName, String templateLanguage,
            Optional<String> category) {
        ContactProfile profile = recipient.profile();
        Optional<Refusal> unreachable = reachProblem(profile);
        if (unreachable.isPresent()) {
            return unreachable;
        }
        if (profile.broadcastOptOut()) {
            return refusal(Reason.BROADCAST_OPT_OUT, "the contact stopped marketing messages (Meta's 131050)");
        }
        if (profile.undeliverable()) {
            return refusal(Reason.UNDELIVERABLE, "Meta cannot deliver to this contact (131026: not on WhatsApp or an old app)");
        }
        if (recipient.openTicket().isPresent()) {
            return refusal(Reason.OPEN_TICKET, "the contact has an open ticket ("
                    + recipient.openTicket().get().protocol().value() + "): the desk is talking with them");
        }
        return phoneProblem(templateName, templateLanguage, category, profile);
    }

    private static Optional<Refusal> replyRouteProblem(AgentMessage agent) {
        if (agent.replyRoute().filter(ReplyRoute.ToAgent.class::isInstance).isPresent() && agent.replyAgent().isEmpty()) {
            return refusal(Reason.UNKNOWN_AGENT, "replyRouting names " + agent.replyRoute().get().target()
                    + ", who is not an agent of this team");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> freeFormProblem(WindowState window) {
        if (!window.allowsFreeForm()) {
            return refusal(Reason.WINDOW_CLOSED, "the customer's 24-hour window is closed (" + window
                    + "): only an approved template can reach them now");
        }
        return Optional.empty();
    }

    /** Known to the desk, approved by Meta and enabled by the desk: what every template send needs. */
    private static Optional<Refusal> approvalProblem(String name, String language, Optional<Template> known) {
        if (known.isEmpty()) {
            return refusal(Reason.TEMPLATE_NOT_APPROVED, "template " + label(name, language) + " is unknown to this desk");
        }
        Template template = known.get();
        if (!template.approved()) {
            return refusal(Reason.TEMPLATE_NOT_APPROVED, "template " + label(template.name(), template.language())
                    + " is not approved by Meta (status " + template.status().orElse("unknown") + ")");
        }
        if (!template.enabled()) {
            return refusal(Reason.TEMPLATE_NOT_APPROVED, "template " + label(template.name(), template.language())
                    + " is not enabled for this desk");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> parametersProblem(OutboundContent.Template asked, Template template) {
        if (asked.parameters().size() != template.parameterCount()) {
            return refusal(Reason.TEMPLATE_PARAMETERS, "template " + label(asked.name(), asked.language()) + " takes "
                    + template.parameterCount() + " parameters, got " + asked.parameters().size());
        }
        return Optional.empty();
    }

    /**
     * Meta delivers one-tap, zero-tap and copy-code authentication templates only to a phone number
     * (error 131062 for a BSUID): refused before anything is sent to a contact known only by its BSUID.
     */
    private static Optional<Refusal> phoneProblem(String templateName, String templateLanguage, Optional<String> category,
            ContactProfile recipient) {
        if (category.filter("AUTHENTICATION"::equalsIgnoreCase).isPresent() && recipient.identity().waId().isEmpty()) {
            return refusal(Reason.PHONE_REQUIRED, "template " + label(templateName, templateLanguage)
                    + " is an authentication template, which Meta delivers only to a phone number; this contact is known"
                    + " only by its business-scoped user id");
        }
        return Optional.empty();
    }

    private static String label(String templateName, String templateLanguage) {
        return templateName + " (" + templateLanguage + ")";
    }

    private static Optional<Refusal> refusal(Reason reason, String sentence) {
        return Optional.of(new Refusal(reason, sentence));
    }
}
