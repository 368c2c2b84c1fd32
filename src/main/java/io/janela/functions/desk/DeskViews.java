package io.janela.functions.desk;

import io.janela.application.desk.DeskReads.ContactReading;
import io.janela.application.desk.DeskReads.TicketReading;
import io.janela.application.desk.DeskReads.Unanswered;
import io.janela.application.desk.DeskReads.WindowReading;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.desk.ResponseBand;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.Ticket;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of the desk routes. Instants are written as ISO-8601. */
public final class DeskViews {

    private DeskViews() {
    }

    @RegisterForReflection
    public record WindowView(String state, Instant lastInboundAt, Instant closesAt) {
        static WindowView of(WindowReading window) {
            return new WindowView(window.state().name(),
                    window.lastInboundAt().orElse(null), window.closesAt().orElse(null));
        }
    }

    /**
     * The contact a ticket is with: Janela's key for it ({@code contactKey}), and the name, phone
     * ({@code waId}), business-scoped user id, parent user id and username as the customer's messages
     * named them when the ticket opened; each null when unknown.
     */
    @RegisterForReflection
    public record ContactRef(String phoneNumberId, String contactKey, String waId, String userId, String parentUserId,
            String username, String name) {
        static ContactRef of(ContactKey key, ContactIdentity identity, java.util.Optional<String> name) {
            return new ContactRef(key.phoneNumberId(), key.id(), identity.waId().map(CustomerId::value).orElse(null),
                    identity.userId().map(CustomerId::value).orElse(null), identity.parentUserId().orElse(null),
                    identity.username().orElse(null), name.orElse(null));
        }
    }

    /**
     * The customer's wait for an answer: since their first message no agent answered, in whole
     * minutes, and its band ({@code green} under 15, {@code blue} under 30, {@code orange} under 60,
     * {@code red}).
     */
    @RegisterForReflection
    public record UnansweredView(Instant since, long minutes, String band) {
        static UnansweredView of(Unanswered unanswered) {
            return new UnansweredView(unanswered.since(), unanswered.waited().toMinutes(), band(unanswered.band()));
        }

        static String band(ResponseBand band) {
            return band.name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the ticket was closed; {@code message} says what became of the closing message. */
    @RegisterForReflection
    public record ClosingView(String reason, Instant at, String by, String windowState, String message,
            String messageDetail) {
        static ClosingView of(Closing closing) {
            return new ClosingView(closing.reason().name(), closing.at(), closing.by(), closing.windowState().name(),
                    closing.message().outcome().name(), closing.message().detail().orElse(null));
        }
    }

    @RegisterForReflection
    public record ScheduledCloseView(Instant at, boolean cancelOnReply, String message, String requestedBy,
            Instant requestedAt) {
        static ScheduledCloseView of(ScheduledClose close) {
            return new ScheduledCloseView(close.at(), close.cancelOnReply(), close.message().orElse(null),
                    close.requestedBy(), close.requestedAt());
        }
    }

    /**
     * A ticket as the desk shows it, in its list and on its own. {@code unanswered} is null once an
     * agent answered, and on a closed ticket.
     */
    @RegisterForReflection
    public record TicketView(String id, String protocol, String status, ContactRef contact,
            Instant openedAt, Instant lastInboundAt, WindowView window, String agent, String department,
            String reservedFor, List<String> tags, UnansweredView unanswered, ScheduledCloseView scheduledClose,
            ClosingView closing) {

        public static TicketView of(TicketReading reading) {
            Ticket ticket = reading.ticket();
            return new TicketView(ticket.id().value(), ticket.protocol().value(), ticket.status().name(),
                    ContactRef.of(ticket.contact(), ticket.contactIdentity(), ticket.contactName()),
                    ticket.openedAt(), ticket.lastInboundAt(), WindowView.of(reading.window()),
                    ticket.assignment().agent().orElse(null), ticket.assignment().department().orElse(null),
                    ticket.assignment().reservedFor().orElse(null), List.copyOf(ticket.tags()),
                    reading.unanswered().map(UnansweredView::of).orElse(null),
                    ticket.pendingClose().map(ScheduledCloseView::of).orElse(null),
                    ticket.closing().map(ClosingView::of).orElse(null));
        }
    }

    /** A page of the ticket list; {@code cursor} asks for the next one, null after the last. */
    @RegisterForReflection
    public record TicketPageView(List<TicketView> tickets, String cursor) {
    }

    /** The reply rule of the contact's latest active message, shown only while it lives. */
    @RegisterForReflection
    public record ReplyRuleView(String kind, String target, Instant sentAt, Instant expiresAt, String sentBy) {
    }

    /** A contact as the desk shows it: who it is (see {@link ContactRef}), its window, open ticket, flags and reply rule. */
    @RegisterForReflection
    public record ContactView(String phoneNumberId, String contactKey, String waId, String userId, String parentUserId,
            String username, String name, WindowView window,
            TicketView openTicket, boolean blocked, boolean broadcastOptOut, boolean undeliverable,
            Instant sendBackoffUntil, ReplyRuleView replyRule, String defaultAgent) {

        public static ContactView of(ContactReading reading, java.util.Optional<TicketReading> openTicket, Instant now) {
            var profile = reading.contact().profile();
            ReplyRuleView rule = reading.contact().replyRule()
                    .filter(live -> live.routes(now))
                    .map(live -> new ReplyRuleView(live.route().kind(), live.route().target(), live.sentAt(),
                            live.expiresAt(), live.sentBy()))
                    .orElse(null);
            ContactRef who = ContactRef.of(profile.key(), profile.identity(), profile.name());
            return new ContactView(who.phoneNumberId(), who.contactKey(), who.waId(), who.userId(), who.parentUserId(),
                    who.username(), who.name(),
                    WindowView.of(reading.window()), openTicket.map(TicketView::of).orElse(null),
                    profile.blocked(), profile.broadcastOptOut(), profile.undeliverable(),
                    profile.sendBackoffUntil().filter(now::isBefore).orElse(null), rule,
                    profile.defaultAgent().orElse(null));
        }
    }
}
