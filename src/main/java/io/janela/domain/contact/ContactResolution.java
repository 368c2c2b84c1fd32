package io.janela.domain.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which contact a notification or a request names, from the links its ids already have, and which
 * links to write so that the next one naming the customer by either id lands on the same contact.
 * Links are only ever added here, never moved: when a phone and a BSUID that already name two
 * different contacts arrive together, the notification lands on the BSUID's contact (the id Meta
 * keeps using) and both contacts keep their history and their ids, so a redelivery of anything
 * either contact received still finds it. Only Meta's word that an id changed moves it
 * ({@link IdentityChange}).
 */
public final class ContactResolution {

    private ContactResolution() {
    }

    /** An id to point at the contact; {@code replacing} is the contact it named before, if any. */
    public record Link(CustomerId id, Optional<ContactKey> replacing) {
    }

    public sealed interface Decision {
        List<Link> links();
    }

    /** An existing contact. */
    public record Known(ContactKey contact, List<Link> links) implements Decision {
    }

    /** Nobody Janela knows: a new contact, under a new key. */
    public record Unknown(List<Link> links) implements Decision {
    }

    /**
     * @param links the current links of {@code identity.ids()}; ids with none are missing
     * @param writtenAt when the customer wrote, for an inbound message: a retired id then names
     *        someone new; empty for what Janela sent or Meta reports (statuses, preferences)
     */
    public static Decision decide(ContactIdentity identity, Map<CustomerId, IdentityLink> links, Optional<Instant> writtenAt) {
        if (!identity.addressable()) {
            throw new IllegalArgumentException("nobody to resolve: neither a phone number nor a user id");
        }
        // the BSUID comes first: when the two ids name different contacts, Meta paired them just now
        Optional<ContactKey> target = identity.ids().stream()
                .map(id -> usable(links.get(id), writtenAt))
                .flatMap(Optional::stream)
                .map(IdentityLink::contact)
                .findFirst();
        List<Link> toWrite = new ArrayList<>();
        for (CustomerId id : identity.ids()) {
            Optional<IdentityLink> current = Optional.ofNullable(links.get(id));
            if (usable(current.orElse(null), writtenAt).isEmpty()) {
                // never linked, or retired before this message was written: it names this customer now
                toWrite.add(new Link(id, current.map(IdentityLink::contact)));
            }
        }
        return target.<Decision>map(contact -> new Known(contact, List.copyOf(toWrite)))
                .orElseGet(() -> new Unknown(List.copyOf(toWrite)));
    }

    /**
     * The links Meta's word that the customer's ids changed asks for: each new id that does not yet
     * name {@code contact} alive comes to it, even from another contact (Meta said so).
     */
    public static List<Link> moves(IdentityChange change, Map<CustomerId, IdentityLink> links, ContactKey contact) {
        List<Link> moves = new ArrayList<>();
        for (CustomerId id : change.current().ids()) {
            Optional<IdentityLink> current = Optional.ofNullable(links.get(id));
            boolean namesItAlready = current.filter(link -> link.contact().equals(contact) && link.retiredAt().isEmpty())
                    .isPresent();
            if (!namesItAlready) {
                moves.add(new Link(id, current.map(IdentityLink::contact)));
            }
        }
        return List.copyOf(moves);
    }

    private static Optional<IdentityLink> usable(IdentityLink link, Optional<Instant> writtenAt) {
        if (link == null) {
            return Optional.empty();
        }
        return writtenAt.isEmpty() || link.namesContactAt(writtenAt.get()) ? Optional.of(link) : Optional.empty();
    }
}
