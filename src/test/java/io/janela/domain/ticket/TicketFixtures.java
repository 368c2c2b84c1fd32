package io.janela.domain.ticket;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** Tickets in the states the domain's rules are pinned on, at fixed instants. */
final class TicketFixtures {

    static final ContactKey ANA = new ContactKey("106540352242922", "k0a1b2c3d4e5f60718293a4b5");
    static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    static final String BIA = "bia@desk.example";
    static final String CAIO = "caio@desk.example";

    private TicketFixtures() {
    }

    /** Opened by Ana's message at {@code T0}, unanswered since, assigned as given. */
    static Ticket opened(Assignment assignment) {
        return Ticket.open(TicketId.openedBy(ANA, "wamid.A"), ProtocolNumber.of(LocalDate.of(2026, 11, 21), 1), ANA, T0,
                assignment);
    }

    static Ticket answered(Assignment assignment) {
        Ticket ticket = opened(assignment);
        return new Ticket(ticket.id(), ticket.protocol(), ticket.contact(), ticket.status(), ticket.openedAt(),
                ticket.lastInboundAt(), assignment, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), ContactIdentity.NONE);
    }

    static Ticket tagged(Ticket ticket, Set<String> tags) {
        return new Ticket(ticket.id(), ticket.protocol(), ticket.contact(), ticket.status(), ticket.openedAt(),
                ticket.lastInboundAt(), ticket.assignment(), ticket.closing(), ticket.scheduledClose(),
                ticket.contactName(), tags, ticket.unansweredSince(), ticket.contactIdentity());
    }

    static Ticket closed(Ticket ticket) {
        return new Ticket(ticket.id(), ticket.protocol(), ticket.contact(), TicketStatus.CLOSED, ticket.openedAt(),
                ticket.lastInboundAt(), ticket.assignment(), ticket.closing(), ticket.scheduledClose(),
                ticket.contactName(), ticket.tags(), ticket.unansweredSince(), ticket.contactIdentity());
    }

    static Assignment heldBy(String agent) {
        return new Assignment(Optional.of(agent), Optional.empty(), Optional.empty());
    }

    static Assignment inQueue(String department) {
        return new Assignment(Optional.empty(), Optional.of(department), Optional.empty());
    }

    static Assignment keptFor(String agent) {
        return new Assignment(Optional.empty(), Optional.empty(), Optional.of(agent));
    }
}
