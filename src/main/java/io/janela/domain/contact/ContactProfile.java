package io.janela.domain.contact;

import io.janela.domain.ticket.TicketId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What Janela knows about a contact apart from its window: who it is, its name, flags and open ticket.
 * {@code defaultAgent} is set by the desk (the contact's account manager, say); {@code lastAgent}
 * is the agent who last took one of the contact's tickets.
 * {@code undeliverable} is Meta's 131026 (not on WhatsApp, old app); {@code sendBackoffUntil}
 * follows Meta's pair rate limit (131056) for this contact.
 */
public record ContactProfile(
        ContactKey key,
        ContactIdentity identity,
        Optional<String> name,
        boolean blocked,
        boolean broadcastOptOut,
        boolean undeliverable,
        Optional<Instant> sendBackoffUntil,
        Optional<TicketId> openTicketId,
        Optional<String> defaultAgent,
        Optional<String> lastAgent) {

    public ContactProfile {
        identity = Objects.requireNonNullElse(identity, ContactIdentity.NONE);
    }

    public ContactProfile(ContactKey key, ContactIdentity identity, Optional<String> name, boolean blocked,
            boolean broadcastOptOut, boolean undeliverable, Optional<Instant> sendBackoffUntil,
            Optional<TicketId> openTicketId) {
        this(key, identity, name, blocked, broadcastOptOut, undeliverable, sendBackoffUntil, openTicketId, Optional.empty(),
                Optional.empty());
    }

    public static ContactProfile firstSeen(ContactKey key, ContactIdentity identity) {
        return new ContactProfile(key, identity, Optional.empty(), false, false, false, Optional.empty(), Optional.empty());
    }

    /** Meta delivers to a phone when one is known (it recommends that), otherwise to the BSUID. */
    public Optional<CustomerId> address() {
        return identity.waId().<CustomerId>map(phone -> phone).or(() -> identity.userId());
    }
}
