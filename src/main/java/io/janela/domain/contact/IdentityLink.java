package io.janela.domain.contact;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer id pointing at the contact it names. {@code retiredAt} is set when Meta moved the
 * customer to a new id (a new phone number, a new BSUID): the old id still names the contact for
 * what was sent or received before (statuses, preferences, late deliveries), but a message written
 * from it afterwards comes from whoever holds it now, since Meta gives numbers to new people.
 */
public record IdentityLink(CustomerId id, ContactKey contact, Optional<Instant> retiredAt) {

    public IdentityLink {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contact, "contact");
        retiredAt = Objects.requireNonNullElse(retiredAt, Optional.empty());
    }

    public static IdentityLink live(CustomerId id, ContactKey contact) {
        return new IdentityLink(id, contact, Optional.empty());
    }

    /** Whether the id still names this contact for something that happened at {@code at}. */
    public boolean namesContactAt(Instant at) {
        return retiredAt.filter(retired -> at.isAfter(retired)).isEmpty();
    }
}
