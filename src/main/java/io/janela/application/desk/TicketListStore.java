package io.janela.application.desk;

import io.janela.domain.desk.TicketListing;
import io.janela.domain.ticket.Ticket;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The desk's ticket list, read a page at a time from indexes kept for it, never by reading every ticket. */
public interface TicketListStore {

    /**
     * Who asks, for the views that depend on it: {@code mine} needs the caller's e-mail, {@code open}
     * the departments they belong to.
     */
    record Caller(Optional<String> email, Set<String> departments) {
        public static final Caller NOBODY = new Caller(Optional.empty(), Set.of());

        public Caller {
            Objects.requireNonNull(email, "email");
            departments = Set.copyOf(departments);
        }
    }

    /**
     * Rows in the listing's order. {@code cursor} (opaque) continues the list where this page ends;
     * empty after the last page. A page may hold fewer rows than asked, none even, when a sparse
     * filter used up what one request may read: the cursor then goes on from where reading stopped.
     */
    record TicketPage(List<Ticket> tickets, Optional<String> cursor) {
        public TicketPage {
            tickets = List.copyOf(tickets);
        }
    }

    /**
     * A page of the listing, from the start or from {@code cursor}.
     *
     * @throws IllegalArgumentException naming {@code cursor} when it is not one this listing gave
     */
    TicketPage list(TicketListing listing, Caller caller, Optional<String> cursor);
}
