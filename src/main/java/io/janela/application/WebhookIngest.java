package io.janela.application;

import io.janela.application.ContactStore.IntakeView;
import io.janela.application.ContactStore.JoinOutcome;
import io.janela.application.ContactStore.OpenOutcome;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.ticket.Intake;
import io.janela.domain.ticket.TicketId;
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
    private final Clock clock;

    public WebhookIngest(ContactStore contacts, DirectoryStore directory, Clock clock) {
        this.contacts = contacts;
        this.directory = directory;
        this.clock = clock;
    }

    public void apply(WebhookBatch batch) {
        batch.messages().stream()
                .sorted(Comparator.comparing(InboundMessage::sentAt))
                .forEach(message -> ingest(message, Optional.ofNullable(batch.profileNames().get(message.contact()))));
        batch.statuses().forEach(contacts::recordStatus);
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
            Placement placement = place(message, Intake.decide(view.profile(), message), newName);
            if (placement.settled()) {
                if (placement.namePending()) {
                    newName.ifPresent(name -> contacts.rememberName(contact, name));
                }
                contacts.storeInbound(message, placement.ticket(), clock.instant());
                return;
            }
        }
        throw new IllegalStateException("could not settle the ticket of a message from " + contact.masked()
                + " after " + INTAKE_ATTEMPTS + " attempts");
    }

    /** Where the message landed; not settled when a concurrent writer means reading the contact again. */
    private record Placement(boolean settled, Optional<TicketId> ticket, boolean namePending) {
        static final Placement RETRY = new Placement(false, Optional.empty(), false);
    }

    private Placement place(InboundMessage message, Intake intake, Optional<String> newName) {
        if (intake instanceof Intake.StoreOnly storeOnly) {
            LOG.debugf("event=message_stored_only reason=%s contact=%s", storeOnly.reason(), message.contact().masked());
            return new Placement(true, Optional.empty(), true);
        }
        if (intake instanceof Intake.Join join) {
            JoinOutcome joined = contacts.joinTicket(message.contact(), join.ticket(), message.sentAt());
            return joined == JoinOutcome.JOINED ? new Placement(true, Optional.of(join.ticket()), true) : Placement.RETRY;
        }
        TicketId id = ((Intake.Open) intake).ticket();
        OpenOutcome opened = contacts.openTicket(id, message.contact(), message.sentAt(), newName);
        if (opened == OpenOutcome.CONTACT_HAS_OPEN_TICKET) {
            return Placement.RETRY;
        }
        if (opened == OpenOutcome.OPENED) {
            LOG.infof("event=ticket_opened ticket=%s contact=%s", id, message.contact().masked());
        }
        return new Placement(true, Optional.of(id), opened == OpenOutcome.ALREADY_OPENED);
    }
}
