package io.janela.application;

import io.janela.application.ContactStore.IntakeView;
import io.janela.application.ContactStore.JoinOutcome;
import io.janela.application.ContactStore.OpenOutcome;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.message.StatusUpdate;
import io.janela.domain.ticket.Intake;
import io.janela.application.ContactStore.Placement;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies a webhook batch: windows, tickets, statuses, preferences and template states.
 * A failure propagates so the webhook answers non-200 and Meta delivers again; every step is
 * safe to repeat, and the message record is written last, so the retry completes the work.
 */
@ApplicationScoped
public class WebhookIngest {

    private static final Logger LOG = Logger.getLogger(WebhookIngest.class);
    /** Each retry follows a lost race with another writer on the same contact. */
    private static final int INTAKE_ATTEMPTS = 4;

    private final ContactStore contacts;
    private final DirectoryStore directory;
    private final MetaFailures failures;
    private final CampaignProgress campaigns;
    private final AssignmentTrigger trigger;
    private final Clock clock;

    public WebhookIngest(ContactStore contacts, DirectoryStore directory, MetaFailures failures,
            CampaignProgress campaigns, AssignmentTrigger trigger, Clock clock) {
        this.contacts = contacts;
        this.directory = directory;
        this.failures = failures;
        this.campaigns = campaigns;
        this.trigger = trigger;
        this.clock = clock;
    }

    /**
     * The status record is written last: a failure before it makes Meta deliver again, and
     * every action here is safe to repeat.
     */
    private void applyStatus(StatusUpdate status) {
        if (status.status() == DeliveryStatus.FAILED) {
            status.errors().forEach(error -> failures.apply(status.contact(), Optional.of(status.wamid()), error, status.at()));
        }
        campaigns.apply(status);
        contacts.recordStatus(status);
    }

    public void apply(WebhookBatch batch) {
        batch.messages().stream()
                .sorted(Comparator.comparing(InboundMessage::sentAt))
                .forEach(message -> ingest(message, Optional.ofNullable(batch.profileNames().get(message.contact()))));
        batch.statuses().forEach(this::applyStatus);
        batch.preferences().forEach(contacts::recordMarketingPreference);
        batch.templateChanges().forEach(directory::recordTemplateStatus);
    }

    void ingest(InboundMessage message, Optional<String> profileName) {
        ContactKey contact = message.contact();
        for (int attempt = 1; attempt <= INTAKE_ATTEMPTS; attempt++) {
            IntakeView view = contacts.intakeView(contact, message.wamid());
            if (view.messageAlreadyStored()) {
                LOG.debugf("event=duplicate_message contact=%s", contact.masked());
                return;
            }
            if (message.isFromCustomer()) {
                contacts.advanceWindow(contact, message.sentAt());
            }
            Optional<String> newName = profileName.filter(name -> !view.profile().name().equals(Optional.of(name)));
            Landing landing = land(message, Intake.decide(view.profile(), message, view.replyRule()), newName,
                    newName.or(() -> view.profile().name()));
            if (landing.settled()) {
                if (landing.namePending()) {
                    newName.ifPresent(name -> contacts.rememberName(contact, name));
                }
                contacts.storeInbound(message, landing.placement(), clock.instant());
                landing.queued().ifPresent(ticket -> trigger.ticketQueued(contact, ticket));
                return;
            }
        }
        throw new IllegalStateException("could not settle the ticket of a message from " + contact.masked()
                + " after " + INTAKE_ATTEMPTS + " attempts");
    }

    /**
     * Where the message landed; not settled when a concurrent writer means reading the contact again.
     * {@code queued} is the ticket it opened waiting, for assignment.
     */
    private record Landing(boolean settled, Placement placement, boolean namePending, Optional<TicketId> queued) {
        static final Landing RETRY = new Landing(false, Placement.STORED_ONLY, false, Optional.empty());

        Landing(boolean settled, Placement placement, boolean namePending) {
            this(settled, placement, namePending, Optional.empty());
        }
    }

    private Landing land(InboundMessage message, Intake intake, Optional<String> newName, Optional<String> contactName) {
        if (intake instanceof Intake.StoreOnly storeOnly) {
            LOG.debugf("event=message_stored_only reason=%s contact=%s", storeOnly.reason(), message.contact().masked());
            return new Landing(true, Placement.STORED_ONLY, true);
        }
        if (intake instanceof Intake.HandToFlow flow) {
            LOG.infof("event=message_handed_to_flow flow=%s contact=%s", flow.flow(), message.contact().masked());
            return new Landing(true, Placement.toFlow(flow.flow()), true);
        }
        if (intake instanceof Intake.Join join) {
            JoinOutcome joined = contacts.joinTicket(message.contact(), join.ticket(), message.sentAt());
            return joined == JoinOutcome.JOINED ? new Landing(true, Placement.onTicket(join.ticket()), true) : Landing.RETRY;
        }
        Intake.Open open = (Intake.Open) intake;
        Assignment assignment = open.replyRoute()
                .map(route -> Assignment.forReply(route, namedAgent(route)))
                .orElse(Assignment.NONE);
        OpenOutcome opened = contacts.openTicket(open.ticket(), message.contact(), message.sentAt(), newName, contactName,
                assignment);
        if (opened == OpenOutcome.CONTACT_HAS_OPEN_TICKET) {
            return Landing.RETRY;
        }
        if (opened == OpenOutcome.OPENED) {
            LOG.infof("event=ticket_opened ticket=%s contact=%s routed_by_reply_rule=%s", open.ticket(),
                    message.contact().masked(), open.replyRoute().isPresent());
        }
        // a retried delivery (ALREADY_OPENED) asks again: the first attempt may have failed before asking
        Optional<TicketId> queued = assignment.initialStatus() == TicketStatus.WAITING ? Optional.of(open.ticket()) : Optional.empty();
        return new Landing(true, Placement.onTicket(open.ticket()), opened == OpenOutcome.ALREADY_OPENED, queued);
    }

    private Optional<Agent> namedAgent(ReplyRoute route) {
        return route instanceof ReplyRoute.ToAgent toAgent ? directory.findAgent(toAgent.target()) : Optional.empty();
    }
}
