package io.janela.domain.contact;

import io.janela.domain.ticket.TicketId;
import java.util.Optional;

/** What Janela knows about a contact apart from its window: name, flags and open ticket. */
public record ContactProfile(
        ContactKey key,
        Optional<String> name,
        boolean blocked,
        boolean broadcastOptOut,
        Optional<TicketId> openTicketId) {

    public static ContactProfile firstSeen(ContactKey key) {
        return new ContactProfile(key, Optional.empty(), false, false, Optional.empty());
    }
}
