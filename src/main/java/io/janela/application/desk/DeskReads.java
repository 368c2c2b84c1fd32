package io.janela.application.desk;

import io.janela.application.contacts.ContactStore;
import io.janela.application.contacts.ContactStore.ContactRecord;
import io.janela.application.WindowSettings;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.desk.ResponseBand;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.window.CustomerServiceWindow;
import io.janela.domain.window.WindowState;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a desk reads about contacts and tickets, with window states computed at the clock's now. */
@Startup // a bad janela.window.expiring-lead stops the start, not the first request
@ApplicationScoped
public class DeskReads {

    private final ContactStore contacts;
    private final Clock clock;
    private final Duration expiringLead;

    @Inject
    public DeskReads(ContactStore contacts, Clock clock, WindowSettings window) {
        this(contacts, clock, window.expiringLead());
    }

    public DeskReads(ContactStore contacts, Clock clock, Duration expiringLead) {
        this.contacts = contacts;
        this.clock = clock;
        this.expiringLead = CustomerServiceWindow.checkedLead(expiringLead);
    }

    public record WindowReading(WindowState state, Optional<Instant> lastInboundAt, Optional<Instant> closesAt) {
        static WindowReading of(CustomerServiceWindow window, Instant now, Duration lead) {
            return new WindowReading(window.stateAt(now, lead), window.lastInboundAt(), window.closesAt());
        }
    }

    public record ContactReading(ContactRecord contact, WindowReading window) {
    }

    /** How long the customer has waited for an answer, since their first message no agent answered. */
    public record Unanswered(Instant since, Duration waited, ResponseBand band) {
        /** Nothing to wait for once answered, nor once the ticket is closed. */
        static Optional<Unanswered> of(Ticket ticket, Instant now) {
            return ticket.unansweredSince().filter(since -> ticket.isOpen()).map(since -> {
                Duration waited = ResponseBand.waited(since, now);
                return new Unanswered(since, waited, ResponseBand.of(waited));
            });
        }
    }

    public record TicketReading(Ticket ticket, WindowReading window, Optional<Unanswered> unanswered) {
        static TicketReading of(Ticket ticket, Instant now, Duration lead) {
            return new TicketReading(ticket, WindowReading.of(ticket.window(), now, lead), Unanswered.of(ticket, now));
        }
    }

    public Optional<ContactReading> contact(ContactKey key) {
        Instant now = clock.instant();
        return contacts.findContact(key)
                .map(view -> new ContactReading(view, WindowReading.of(view.window(), now, expiringLead)));
    }

    public Optional<TicketReading> openTicketOf(ContactReading contact) {
        Instant now = clock.instant();
        return contact.contact().openTicket()
                .map(ticket -> TicketReading.of(ticket, now, expiringLead));
    }

    public Optional<TicketReading> ticket(TicketId id) {
        return contacts.findTicket(id).map(this::reading);
    }

    /** A ticket already in hand, with its window as of now. */
    public TicketReading reading(Ticket ticket) {
        return TicketReading.of(ticket, clock.instant(), expiringLead);
    }

    /** Rows of a list, all read at the same now. */
    public List<TicketReading> readings(List<Ticket> tickets) {
        Instant now = clock.instant();
        return tickets.stream().map(ticket -> TicketReading.of(ticket, now, expiringLead)).toList();
    }
}
