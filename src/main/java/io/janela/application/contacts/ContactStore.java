package io.janela.application.contacts;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.contact.MarketingPreference;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.routing.ReplyRule;
import io.janela.domain.ticket.Assignment;
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
    record IntakeView(ContactProfile profile, boolean messageAlreadyStored, Optional<ReplyRule> replyRule) {
    }

    IntakeView intakeView(ContactKey contact, String wamid);

    /**
     * The window of a customer message that landed on no ticket (stored only, handed to a flow). A
     * message on a ticket moves the ticket's {@code lastInboundAt}, which {@link #findContact} reads
     * as the window too.
     */
    void advanceWindow(ContactKey contact, Instant inboundAt);

    /**
     * What the profile should say of who the contact is, when a notification told Janela more than it
     * knew: the ids and username ({@code identity}, already merged with what was stored) and the name.
     */
    record ProfileChange(ContactIdentity identity, Optional<String> name) {
    }

    enum OpenOutcome {
        OPENED,
        /** The same ticket already exists: an earlier delivery of this message opened it. */
        ALREADY_OPENED,
        /** Another message opened a ticket first: join that one instead. */
        CONTACT_HAS_OPEN_TICKET
    }

    /**
     * Opens a ticket for the contact under the next protocol number of its day, and points the
     * contact at it in the same atomic step. {@code profileChange} is written to the profile too;
     * {@code shown} is the contact as the ticket is listed and searched by; {@code wamid} is the
     * opening message's, the one a read receipt marks until a newer message joins.
     */
    OpenOutcome openTicket(TicketId id, ContactKey contact, Instant firstInboundAt, String wamid,
            Optional<ProfileChange> profileChange,
            ProfileChange shown, Assignment assignment);

    enum JoinOutcome {
        JOINED,
        /** Closed since we read it: the message needs a new ticket. */
        TICKET_CLOSED
    }

    /**
     * Message {@code wamid}, sent at {@code inboundAt}, joins the ticket; a newer message moves its
     * {@code lastInboundAt} and becomes the one a read receipt marks, an older one moves nothing.
     */
    JoinOutcome joinTicket(ContactKey contact, TicketId ticket, Instant inboundAt, String wamid);

    void rememberProfile(ContactKey contact, ProfileChange change);

    /** The id now names another contact: this one no longer shows it (nor sends to it). */
    void forgetId(ContactKey contact, CustomerId id);

    /** Written last: its presence marks the message as fully applied. */
    void storeInbound(InboundMessage message, Placement placement, Instant receivedAt);

    /** Where an inbound message went: a ticket, a bot flow, or nowhere (stored only). */
    record Placement(Optional<TicketId> ticket, Optional<String> flow) {
        public static final Placement STORED_ONLY = new Placement(Optional.empty(), Optional.empty());

        public static Placement onTicket(TicketId ticket) {
            return new Placement(Optional.of(ticket), Optional.empty());
        }

        public static Placement toFlow(String flow) {
            return new Placement(Optional.empty(), Optional.of(flow));
        }
    }

    void recordStatus(StatusUpdate status);

    void recordMarketingPreference(MarketingPreference preference);

    record ContactRecord(ContactProfile profile, CustomerServiceWindow window, Optional<Ticket> openTicket,
            Optional<ReplyRule> replyRule) {

        /**
         * A message that opens or joins a ticket moves the ticket's {@code lastInboundAt}, not the window
         * kept apart for messages on no ticket: the contact's window is the newest of the two.
         */
        public static ContactRecord of(ContactProfile profile, CustomerServiceWindow apart, Optional<Ticket> latestTicket,
                Optional<ReplyRule> replyRule) {
            CustomerServiceWindow window = latestTicket.map(ticket -> apart.advancedTo(ticket.lastInboundAt())).orElse(apart);
            return new ContactRecord(profile, window, latestTicket.filter(Ticket::isOpen), replyRule);
        }
    }

    Optional<ContactRecord> findContact(ContactKey contact);

    Optional<Ticket> findTicket(TicketId ticket);

    /** The agent who last took one of the contact's tickets (for LAST_AGENT); an older record never wins. */
    void recordLastAgent(ContactKey contact, String agent, Instant at);

    /** A newer send's rule replaces an older one; an older one never replaces a newer. */
    void recordReplyRule(ContactKey contact, ReplyRule rule);

    // What the webhook does with Meta's failure codes.

    void markWindowClosedByMeta(ContactKey contact, Instant at);

    void flagUndeliverable(ContactKey contact, Instant at);

    void backOffSends(ContactKey contact, Instant limitHitAt);

    /**
     * Whether a failed write can never succeed (an item larger than the store holds, a value it
     * refuses), as opposed to a storage failure worth trying again.
     */
    boolean cannotHold(RuntimeException failure);
}
