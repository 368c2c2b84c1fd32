package io.janela.application;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.contact.MarketingPreference;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.message.StatusUpdate;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.window.CustomerServiceWindow;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything kept per contact. Every write is idempotent and monotone, so a webhook that is
 * delivered twice, or retried after a partial failure, leaves the state of one delivery.
 */
public interface ContactStore {

    /** The contact as the intake of one message needs it, read consistently. */
    record IntakeView(ContactProfile profile, boolean messageAlreadyStored) {
    }

    IntakeView intakeView(ContactKey contact, String wamid);

    void advanceWindow(ContactKey contact, Instant inboundAt);

    enum OpenOutcome {
        OPENED,
        /** The same ticket already exists: an earlier delivery of this message opened it. */
        ALREADY_OPENED,
        /** Another message opened a ticket first: join that one instead. */
        CONTACT_HAS_OPEN_TICKET
    }

    /**
     * Opens a ticket for the contact, taking the next protocol number of the day in the same
     * atomic step, and points the contact at it.
     */
    OpenOutcome openTicket(TicketId id, ContactKey contact, Instant firstInboundAt, Optional<String> profileName);

    enum JoinOutcome {
        JOINED,
        /** Closed since we read it: the message needs a new ticket. */
        TICKET_CLOSED
    }

    JoinOutcome joinTicket(ContactKey contact, TicketId ticket, Instant inboundAt);

    void rememberName(ContactKey contact, String name);

    /** Written last: its presence marks the message as fully applied. */
    void storeInbound(InboundMessage message, Optional<TicketId> ticket, Instant receivedAt);

    void recordStatus(StatusUpdate status);

    void recordMarketingPreference(MarketingPreference preference);

    record ContactRecord(ContactProfile profile, CustomerServiceWindow window, Optional<Ticket> openTicket) {
    }

    Optional<ContactRecord> findContact(ContactKey contact);

    Optional<Ticket> findTicket(TicketId ticket);
}
