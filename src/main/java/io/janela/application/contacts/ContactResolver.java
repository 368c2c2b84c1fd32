package io.janela.application.contacts;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.ContactResolution;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.IdentityChange;
import io.janela.domain.contact.IdentityLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Finds the contact a customer id names, and gives a new customer a key of Janela's own. A
 * notification naming both a phone and a BSUID links them, so that later ones naming either land on
 * the same contact; Meta's word that the ids moved links the new ones and retires the old.
 */
@ApplicationScoped
public class ContactResolver {

    private static final Logger LOG = Logger.getLogger(ContactResolver.class);
    /** Each retry follows another writer linking one of the same ids first. */
    private static final int ATTEMPTS = 8;

    private final IdentityStore identities;
    private final ContactStore contacts;
    private final ContactKeys keys;

    public ContactResolver(IdentityStore identities, ContactStore contacts, ContactKeys keys) {
        this.identities = identities;
        this.contacts = contacts;
        this.keys = keys;
    }

    /** The contact {@code id} names today, if any; nothing is written. */
    public Optional<ContactKey> find(String phoneNumberId, CustomerId id) {
        return Optional.ofNullable(identities.links(phoneNumberId, List.of(id)).get(id)).map(IdentityLink::contact);
    }

    /**
     * The contact {@code id} names; a customer Janela has never seen becomes a contact first, its
     * profile naming it by {@code id} (a send or a campaign reaching someone who never wrote).
     */
    public ContactKey findOrCreate(String phoneNumberId, CustomerId id, Instant now) {
        return find(phoneNumberId, id).orElseGet(() -> create(phoneNumberId, id, now));
    }

    /**
     * A contact for a customer a {@link #find} just found nobody for: made, and named by {@code id} on
     * its profile; or, should another writer have made one meanwhile, that one.
     */
    public ContactKey create(String phoneNumberId, CustomerId id, Instant now) {
        return session().resolve(phoneNumberId, ContactIdentity.of(id), Optional.empty(), true, now);
    }

    public Session session() {
        return new Session();
    }

    /**
     * Resolutions that share what they read: a webhook batch reads the links of all its ids in one go
     * and sees its own links at once. Threads may share a session as long as no two resolve the same id
     * at once (the webhook gives each customer's updates to one thread).
     */
    public final class Session {

        private final Map<String, Map<CustomerId, Optional<IdentityLink>>> known = new ConcurrentHashMap<>();

        /** The link of {@code id} as this session last read or wrote it; empty when it has none or was not read. */
        public Optional<IdentityLink> known(String phoneNumberId, CustomerId id) {
            return linkOf(phoneNumberId, id);
        }

        /** Reads the links of these ids that this session has not read yet, in as few requests as possible. */
        public void prefetch(String phoneNumberId, Collection<CustomerId> ids) {
            Map<CustomerId, Optional<IdentityLink>> numbers = known.computeIfAbsent(phoneNumberId, any -> new ConcurrentHashMap<>());
            List<CustomerId> unread = ids.stream().distinct().filter(Predicate.not(numbers::containsKey)).toList();
            if (unread.isEmpty()) {
                return;
            }
            Map<CustomerId, IdentityLink> found = identities.links(phoneNumberId, unread);
            unread.forEach(id -> numbers.put(id, Optional.ofNullable(found.get(id))));
        }

        /**
         * The contact {@code identity} names, created when nobody Janela knows. {@code writtenAt}: when the
         * customer wrote, for their messages (a retired id names someone new afterwards); empty otherwise.
         * {@code recordIds}: an id newly linked is also written to the contact's profile, before its link,
         * so a redelivery after a failure between the two writes them both again (a customer's message
         * writes its ids to the profile itself, comparing with what the profile holds).
         */
        public ContactKey resolve(String phoneNumberId, ContactIdentity identity, Optional<Instant> writtenAt,
                boolean recordIds, Instant now) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                prefetch(phoneNumberId, identity.ids());
                ContactResolution.Decision decision = ContactResolution.decide(identity, links(phoneNumberId, identity),
                        writtenAt);
                ContactKey contact = decision instanceof ContactResolution.Known known
                        ? known.contact()
                        : keys.newKey(phoneNumberId, identity);
                if (recordIds && !decision.links().isEmpty()) {
                    contacts.rememberProfile(contact, new ContactStore.ProfileChange(identity, Optional.empty()));
                }
                if (linkAll(phoneNumberId, contact, decision.links(), now)) {
                    if (decision instanceof ContactResolution.Unknown) {
                        LOG.infof("event=contact_created contact=%s ids=%s", contact.forLog(), kinds(identity));
                    }
                    return contact;
                }
            }
            throw new IllegalStateException("the ids of a customer kept changing under " + ATTEMPTS + " attempts to resolve them");
        }

        /** Meta moved the customer's ids: the new ones name {@code contact} from now on, the old ones are retired. */
        public void apply(String phoneNumberId, ContactKey contact, IdentityChange change, Instant now) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                prefetch(phoneNumberId, change.current().ids());
                List<ContactResolution.Link> moves = ContactResolution.moves(change, links(phoneNumberId, change.current()),
                        contact);
                if (linkAll(phoneNumberId, contact, moves, now)) {
                    for (CustomerId old : change.retired()) {
                        identities.retire(phoneNumberId, old, contact, change.at());
                        known.computeIfAbsent(phoneNumberId, any -> new ConcurrentHashMap<>()).remove(old);
                    }
                    LOG.infof("event=contact_ids_moved contact=%s retired=%d linked=%d", contact.forLog(),
                            change.retired().size(), moves.size());
                    return;
                }
            }
            throw new IllegalStateException("the ids of a customer kept changing under " + ATTEMPTS + " attempts to move them");
        }

        /** The links of {@code identity}'s ids as this session knows them; ids with none are left out. */
        private Map<CustomerId, IdentityLink> links(String phoneNumberId, ContactIdentity identity) {
            Map<CustomerId, IdentityLink> links = new HashMap<>();
            identity.ids().forEach(id -> linkOf(phoneNumberId, id).ifPresent(link -> links.put(id, link)));
            return links;
        }

        private Optional<IdentityLink> linkOf(String phoneNumberId, CustomerId id) {
            return known.getOrDefault(phoneNumberId, Map.of()).getOrDefault(id, Optional.empty());
        }

        /** False when another writer linked one of the ids first: what was read is forgotten, to be read again. */
        private boolean linkAll(String phoneNumberId, ContactKey contact, List<ContactResolution.Link> links, Instant now) {
            Map<CustomerId, Optional<IdentityLink>> numbers = known.computeIfAbsent(phoneNumberId, any -> new ConcurrentHashMap<>());
            for (ContactResolution.Link link : links) {
                if (!identities.link(phoneNumberId, link.id(), contact, link.replacing(), now)) {
                    numbers.remove(link.id());
                    return false;
                }
                numbers.put(link.id(), Optional.of(IdentityLink.live(link.id(), contact)));
                link.replacing().filter(previous -> !previous.equals(contact)).ifPresent(previous -> {
                    contacts.forgetId(previous, link.id());
                    LOG.infof("event=contact_id_moved from=%s to=%s id=%s", previous.forLog(), contact.forLog(),
                            link.id().masked());
                });
            }
            return true;
        }
    }

    private static String kinds(ContactIdentity identity) {
        return identity.ids().stream().map(CustomerId::kind).reduce("", String::concat);
    }
}
