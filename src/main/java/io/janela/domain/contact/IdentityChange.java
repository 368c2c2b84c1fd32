package io.janela.domain.contact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Meta's word that a customer now has other ids ({@code user_changed_number},
 * {@code user_changed_user_id}, {@code user_id_update}): the contact stays, its ids move. The ids in
 * {@code current} name it from now on; those in {@code retired} keep naming it for what came before.
 */
public record IdentityChange(List<CustomerId> retired, ContactIdentity current, Instant at) {

    public IdentityChange {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(at, "at");
        retired = retired.stream().filter(id -> !current.ids().contains(id)).distinct().toList();
        if (!current.addressable()) {
            throw new IllegalArgumentException("an identity change names the customer's new phone number or user id");
        }
    }
}
