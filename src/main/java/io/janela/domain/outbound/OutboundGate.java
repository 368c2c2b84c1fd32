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
 * The one gate every message to a customer passes. Free-form only inside the window; a template
 * outside it is an active message: paid, counted against the business's limits, and only sent
 * when the policy, the agent's permission, the template and the contact's state all allow it.
 */
public final class OutboundGate {

    private final ActiveMessagePolicy policy;
    private final Duration expiringLead;

    public OutboundGate(ActiveMessagePolicy policy, Duration expiringLead) {
        this.policy = policy;
        this.expiringLead = CustomerServiceWindow.checkedLead(expiringLead);
    }

    /** Everything about the recipient the guard weighs, read just before the send. */
    public record Recipient(ContactProfile profile, CustomerServiceWindow window, Optional<Ticket> openTicket) {
    }

    /** The guard's answer; an allowed template outside the window is flagged as an active message. */
    public sealed interface Verdict {
    }

    public record Allowed(boolean activeMessage) implements Verdict {
    }

    public record Refused(Refusal refusal) implements Verdict {
    }

    /**
     * @param template the desk's record of the template named by {@code content}, if any
     * @param replyAgent the team member {@code replyRoute} names, when it names an agent
     */
    public Verdict check(Agent actor, OutboundContent content, Optional<ReplyRoute> replyRoute, Recipient recipient,
            Optional<Template> template, Optional<Agent> replyAgent, Instant now) {
        if (recipient.profile().blocked()) {
            return refuse(Reason.CONTACT_BLOCKED, "this contact is blocked and receives nothing");
        }
        if (recipient.profile().address().isEmpty()) {
            return refuse(Reason.NO_ADDRESS, "Janela knows no phone number or user id of this contact to send to");
        }
        if (recipient.profile().sendBackoffUntil().filter(now::isBefore).isPresent()) {
            return refuse(Reason.RATE_LIMITED, "Meta asked us to slow down for this contact; try again after "
                    + recipient.profile().sendBackoffUntil().get());
        }
        if (replyRoute.filter(ReplyRoute.ToAgent.class::isInstance).isPresent() && replyAgent.isEmpty()) {
            return refuse(Reason.UNKNOWN_AGENT, "replyRouting names " + replyRoute.get().target()
                    + ", who is not an agent of this team");
        }
        WindowState window = recipient.window().stateAt(now, expiringLead);
        boolean windowOpen = window.allowsFreeForm();
        if (content instanceof OutboundContent.Text) {
            return windowOpen ? new Allowed(false) : refuse(Reason.WINDOW_CLOSED,
                    "the customer's 24-hour window is closed (" + window + "): only an approved template can reach them now");
        }
        OutboundContent.Template asked = (OutboundContent.Template) content;
        Optional<Refusal> templateProblem = templateProblem(asked, template)
                .or(() -> addressProblem(template.get(), recipient.profile()));
        if (templateProblem.isPresent()) {
            return new Refused(templateProblem.get());
        }
        return windowOpen ? new Allowed(false) : activeMessage(actor, recipient);
    }

    private Verdict activeMessage(Agent actor, Recipient recipient) {
        if (policy == ActiveMessagePolicy.BLOCKED) {
            return refuse(Reason.ACTIVE_MESSAGES_BLOCKED,
                    "the window is closed and this desk sends no active messages");
        }
        if (policy == ActiveMessagePolicy.PERMITTED_AGENTS && !actor.canSendActiveMessages()) {
            return refuse(Reason.AGENT_NOT_PERMITTED,
                    "the window is closed and " + actor.email() + " may not send active messages");
        }
        Optional<String> holder = recipient.openTicket().flatMap(Ticket::agent);
        if (recipient.openTicket().isPresent() && !holder.filter(actor::is).isPresent()) {
            return refuse(Reason.OPEN_TICKET, "the contact has an open ticket ("
                    + recipient.openTicket().get().protocol().value() + ") held by "
                    + holder.orElse("no agent yet") + "; only its holder may reach them now");
        }
        return new Allowed(true);
    }

    /** Whether the template may be sent at all, whatever the window. */
    public static Optional<Refusal> templateProblem(OutboundContent.Template asked, Optional<Template> known) {
        String label = asked.name() + " (" + asked.language() + ")";
        if (known.isEmpty()) {
            return Optional.of(new Refusal(Reason.TEMPLATE_NOT_APPROVED, "template " + label + " is unknown to this desk"));
        }
        Template template = known.get();
        Optional<Refusal> approval = approvalProblem(template);
        if (approval.isPresent()) {
            return approval;
        }
        if (asked.parameters().size() != template.parameterCount()) {
            return Optional.of(new Refusal(Reason.TEMPLATE_PARAMETERS, "template " + label + " takes "
                    + template.parameterCount() + " parameters, got " + asked.parameters().size()));
        }
        return Optional.empty();
    }

    /**
     * Meta delivers one-tap, zero-tap and copy-code authentication templates only to a phone number
     * (error 131062 for a BSUID): refused before anything is sent to a contact known only by its BSUID.
     */
    public static Optional<Refusal> addressProblem(Template template, ContactProfile recipient) {
        if (phoneOnly(template.category()) && recipient.identity().waId().isEmpty()) {
            return Optional.of(new Refusal(Reason.PHONE_REQUIRED, "template " + template.name() + " (" + template.language()
                    + ") is an authentication template, which Meta delivers only to a phone number; this contact is known"
                    + " only by its business-scoped user id"));
        }
        return Optional.empty();
    }

    /** Whether templates of this category reach phone numbers only: Meta's authentication templates (131062). */
    public static boolean phoneOnly(Optional<String> templateCategory) {
        return templateCategory.filter("AUTHENTICATION"::equalsIgnoreCase).isPresent();
    }

    /** Approved by Meta and enabled by the desk: what every template send needs, before its parameters. */
    public static Optional<Refusal> approvalProblem(Template template) {
        String label = template.name() + " (" + template.language() + ")";
        if (!template.approved()) {
            return Optional.of(new Refusal(Reason.TEMPLATE_NOT_APPROVED, "template " + label + " is not approved by Meta (status "
                    + template.status().orElse("unknown") + ")"));
        }
        if (!template.enabled()) {
            return Optional.of(new Refusal(Reason.TEMPLATE_NOT_APPROVED, "template " + label + " is not enabled for this desk"));
        }
        return Optional.empty();
    }

    /** Whether the policy lets this agent send active messages at all. */
    public Optional<Refusal> activeMessagesProblem(Agent actor) {
        if (policy == ActiveMessagePolicy.BLOCKED) {
            return Optional.of(new Refusal(Reason.ACTIVE_MESSAGES_BLOCKED, "this desk sends no active messages"));
        }
        if (policy == ActiveMessagePolicy.PERMITTED_AGENTS && !actor.canSendActiveMessages()) {
            return Optional.of(new Refusal(Reason.AGENT_NOT_PERMITTED, actor.email() + " may not send active messages"));
        }
        return Optional.empty();
    }

    private static Refused refuse(Reason reason, String sentence) {
        return new Refused(new Refusal(reason, sentence));
    }
}
