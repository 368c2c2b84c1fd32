package io.janela.functions.desk;

import io.janela.application.DeskReads.ContactReading;
import io.janela.application.DeskReads.TicketReading;
import io.janela.application.DeskReads.WindowReading;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.Ticket;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

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

    @RegisterForReflection
    public record ContactRef(String phoneNumberId, String waId) {
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

    @RegisterForReflection
    public record TicketView(String id, String protocol, String status, ContactRef contact,
            Instant openedAt, Instant lastInboundAt, WindowView window, String agent, String department,
            String reservedFor, ScheduledCloseView scheduledClose, ClosingView closing, List<String> tags) {
        static TicketView of(Ticket ticket, WindowReading window) {
            return new TicketView(ticket.id().value(), ticket.protocol().value(), ticket.status().name(),
                    new ContactRef(ticket.contact().phoneNumberId(), ticket.contact().waId()),
                    ticket.openedAt(), ticket.lastInboundAt(), WindowView.of(window),
                    ticket.assignment().agent().orElse(null), ticket.assignment().department().orElse(null),
                    ticket.assignment().reservedFor().orElse(null),
                    ticket.pendingClose().map(ScheduledCloseView::of).orElse(null),
                    ticket.closing().map(ClosingView::of).orElse(null), List.copyOf(ticket.tags()));
        }

        public static TicketView of(TicketReading reading) {
            return of(reading.ticket(), reading.window());
        }
    }

    /** The reply rule of the contact's latest active message, shown only while it lives. */
    @RegisterForReflection
    public record ReplyRuleView(String kind, String target, Instant sentAt, Instant expiresAt, String sentBy) {
    }

    @RegisterForReflection
    public record ContactView(String phoneNumberId, String waId, String name, WindowView window,
            TicketView openTicket, boolean blocked, boolean broadcastOptOut, boolean undeliverable,
            Instant sendBackoffUntil, ReplyRuleView replyRule, String defaultAgent) {

        public static ContactView of(ContactReading reading, java.util.Optional<TicketReading> openTicket, Instant now) {
            var profile = reading.contact().profile();
            ReplyRuleView rule = reading.contact().replyRule()
                    .filter(live -> live.routes(now))
                    .map(live -> new ReplyRuleView(live.route().kind(), live.route().target(), live.sentAt(),
                            live.expiresAt(), live.sentBy()))
                    .orElse(null);
            return new ContactView(profile.key().phoneNumberId(), profile.key().waId(), profile.name().orElse(null),
                    WindowView.of(reading.window()), openTicket.map(TicketView::of).orElse(null),
                    profile.blocked(), profile.broadcastOptOut(), profile.undeliverable(),
                    profile.sendBackoffUntil().filter(now::isBefore).orElse(null), rule,
                    profile.defaultAgent().orElse(null));
        }
    }
}
