package io.janela.application.contacts;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.IdentityLink;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Which contact each customer id names, per business number. Every write is conditional on what was read. */
public interface IdentityStore {

    /** The links these ids have, read consistently; ids with none are missing from the map. */
    Map<CustomerId, IdentityLink> links(String phoneNumberId, Collection<CustomerId> ids);

    /**
     * Points {@code id} at {@code contact}, live, provided it still names {@code replacing} (or nothing,
     * when empty). False when another writer changed it first: read it again.
     */
    boolean link(String phoneNumberId, CustomerId id, ContactKey contact, Optional<ContactKey> replacing, Instant at);

    /** Marks {@code id} retired at {@code at}, if it still names {@code contact}; an earlier retirement stays. */
    void retire(String phoneNumberId, CustomerId id, ContactKey contact, Instant at);
}
