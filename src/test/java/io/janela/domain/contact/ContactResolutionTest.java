package io.janela.domain.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.janela.domain.contact.ContactResolution.Known;
import io.janela.domain.contact.ContactResolution.Link;
import io.janela.domain.contact.ContactResolution.Unknown;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which contact a notification names, and which ids to link: phone, BSUID, both, and ids Meta has moved. */
class ContactResolutionTest {

    private static final String NUMBER = "106540352242922";
    private static final ContactKey ANA = new ContactKey(NUMBER, "k0a1b2c3d4e5f60718293a4b5");
    private static final ContactKey BRUNO = new ContactKey(NUMBER, "k00000000000000000000000b");
    private static final CustomerId.WaId PHONE = new CustomerId.WaId("5511987654321");
    private static final CustomerId.Bsuid BSUID = new CustomerId.Bsuid("BR.13491208655302741918");
    private static final Instant CHANGED = Instant.parse("2026-11-21T09:00:00Z");
    private static final Optional<Instant> NOT_A_MESSAGE = Optional.empty();

    private static ContactIdentity both() {
        return new ContactIdentity(Optional.of(PHONE), Optional.of(BSUID), Optional.empty(), Optional.empty());
    }

    private static IdentityLink retired(CustomerId id, ContactKey contact) {
        return new IdentityLink(id, contact, Optional.of(CHANGED));
    }

    @Test
    void idsNobodyHasMakeANewContactLinkedByEachOfThem() {
        assertEquals(new Unknown(List.of(new Link(BSUID, Optional.empty()), new Link(PHONE, Optional.empty()))),
                ContactResolution.decide(both(), Map.of(), Optional.of(CHANGED)));
        assertEquals(new Unknown(List.of(new Link(BSUID, Optional.empty()))),
                ContactResolution.decide(ContactIdentity.of(BSUID), Map.of(), Optional.of(CHANGED)));
    }

    @Test
    void aKnownPhoneNamesItsContactAndTheBsuidSeenWithItIsLinkedThere() {
        assertEquals(new Known(ANA, List.of(new Link(BSUID, Optional.empty()))),
                ContactResolution.decide(both(), Map.of(PHONE, IdentityLink.live(PHONE, ANA)), Optional.of(CHANGED)));
    }

    @Test
    void aContactLinkedByBothIdsAlreadyNeedsNoWrite() {
        assertEquals(new Known(ANA, List.of()), ContactResolution.decide(both(),
                Map.of(PHONE, IdentityLink.live(PHONE, ANA), BSUID, IdentityLink.live(BSUID, ANA)), Optional.of(CHANGED)));
    }

    /** Meta pairs the two ids only when they are the same customer: the BSUID's contact keeps them both. */
    @Test
    void whenPhoneAndBsuidNameTwoContactsTheBsuidWinsAndThePhoneMovesToIt() {
        assertEquals(new Known(ANA, List.of(new Link(PHONE, Optional.of(BRUNO)))), ContactResolution.decide(both(),
                Map.of(PHONE, IdentityLink.live(PHONE, BRUNO), BSUID, IdentityLink.live(BSUID, ANA)), Optional.of(CHANGED)));
    }

    /** A status, a preference or a late delivery of something written before the change still reaches the contact. */
    @Test
    void aRetiredIdStillNamesItsContactForWhatCameBeforeTheChange() {
        Map<CustomerId, IdentityLink> links = Map.of(PHONE, retired(PHONE, ANA));
        assertEquals(new Known(ANA, List.of()), ContactResolution.decide(ContactIdentity.of(PHONE), links, NOT_A_MESSAGE));
        assertEquals(new Known(ANA, List.of()),
                ContactResolution.decide(ContactIdentity.of(PHONE), links, Optional.of(CHANGED.minusSeconds(60))));
        assertEquals(new Known(ANA, List.of()), ContactResolution.decide(ContactIdentity.of(PHONE), links, Optional.of(CHANGED)),
                "written in the change's own second: still the contact");
    }

    /** Meta gives phone numbers to new people: a message from the old number written after the change is someone else. */
    @Test
    void aMessageFromARetiredIdWrittenAfterTheChangeMakesANewContact() {
        assertEquals(new Unknown(List.of(new Link(PHONE, Optional.of(ANA)))), ContactResolution.decide(
                ContactIdentity.of(PHONE), Map.of(PHONE, retired(PHONE, ANA)), Optional.of(CHANGED.plusSeconds(1))));
    }

    @Test
    void aNotificationNamingNobodyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ContactResolution.decide(ContactIdentity.NONE, Map.of(), NOT_A_MESSAGE));
    }
}
