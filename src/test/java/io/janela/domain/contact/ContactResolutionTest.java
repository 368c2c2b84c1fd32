package io.janela.domain.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactResolutionTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final CustomerId.WaId PHONE = new CustomerId.WaId("5511987654321");
    private static final CustomerId.Bsuid USER = new CustomerId.Bsuid("BR.1502576394655843");
    private static final ContactKey ANA = new ContactKey("106540352242922", "k0000000000000000000000a1");
    private static final ContactKey OTHER = new ContactKey("106540352242922", "k0000000000000000000000b2");
    private static final ContactIdentity BOTH = new ContactIdentity(Optional.of(PHONE), Optional.of(USER), Optional.empty(),
            Optional.empty());

    private static ContactResolution.Link link(CustomerId id, ContactKey replacing) {
        return new ContactResolution.Link(id, Optional.ofNullable(replacing));
    }

    @Test
    void aCustomerNobodyKnowsIsNewAndAllTheirIdsAreLinked() {
        ContactResolution.Decision decision = ContactResolution.decide(BOTH, Map.of(), Optional.of(T0));
        assertInstanceOf(ContactResolution.Unknown.class, decision);
        assertEquals(List.of(link(USER, null), link(PHONE, null)), decision.links());
    }

    @Test
    void anIdAlreadyLinkedNamesItsContactAndTheOtherIdIsLinkedToIt() {
        ContactResolution.Decision decision = ContactResolution.decide(BOTH, Map.of(PHONE, IdentityLink.live(PHONE, ANA)),
                Optional.of(T0));
        assertEquals(new ContactResolution.Known(ANA, List.of(link(USER, null))), decision);
    }

    @Test
    void whenBothIdsNameDifferentContactsTheBsuidsWinsAndNothingMoves() {
        ContactResolution.Decision decision = ContactResolution.decide(BOTH,
                Map.of(PHONE, IdentityLink.live(PHONE, OTHER), USER, IdentityLink.live(USER, ANA)), Optional.of(T0));
        assertEquals(new ContactResolution.Known(ANA, List.of()), decision);
    }

    @Test
    void aRetiredIdNamesItsContactForWhatCameBeforeAndNobodyAfter() {
        IdentityLink retired = new IdentityLink(PHONE, ANA, Optional.of(T0));
        ContactIdentity phone = ContactIdentity.of(PHONE);

        assertEquals(new ContactResolution.Known(ANA, List.of()),
                ContactResolution.decide(phone, Map.of(PHONE, retired), Optional.of(T0)), "written at the change itself");
        assertEquals(new ContactResolution.Known(ANA, List.of()),
                ContactResolution.decide(phone, Map.of(PHONE, retired), Optional.empty()), "a status or a preference");
        ContactResolution.Decision later = ContactResolution.decide(phone, Map.of(PHONE, retired), Optional.of(T0.plusSeconds(1)));
        assertEquals(new ContactResolution.Unknown(List.of(link(PHONE, ANA))), later, "a new holder of the number");
    }

    @Test
    void metasWordThatTheIdsChangedBringsTheNewIdsEvenFromAnotherContact() {
        CustomerId.WaId newPhone = new CustomerId.WaId("5511900001111");
        IdentityChange change = new IdentityChange(List.of(PHONE), BOTH.without(PHONE).updatedBy(ContactIdentity.of(newPhone)), T0);

        assertEquals(List.of(link(USER, OTHER), link(newPhone, null)),
                ContactResolution.moves(change, Map.of(USER, IdentityLink.live(USER, OTHER)), ANA));
        assertEquals(List.of(link(newPhone, null)),
                ContactResolution.moves(change, Map.of(USER, IdentityLink.live(USER, ANA)), ANA), "already ANA's: nothing to write");
        assertEquals(List.of(link(USER, ANA), link(newPhone, null)),
                ContactResolution.moves(change, Map.of(USER, new IdentityLink(USER, ANA, Optional.of(T0))), ANA),
                "a retired link of ANA's comes back to life");
    }

    @Test
    void nothingToResolveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ContactResolution.decide(ContactIdentity.NONE, Map.of(), Optional.empty()));
    }

    @Test
    void anIdentityChangeNeverRetiresAnIdItAlsoNamesAsCurrent() {
        IdentityChange change = new IdentityChange(List.of(PHONE, USER), ContactIdentity.of(USER), T0);
        assertEquals(List.of(PHONE), change.retired());
        assertThrows(IllegalArgumentException.class, () -> new IdentityChange(List.of(PHONE), ContactIdentity.NONE, T0));
    }

    @Test
    void idsAreToldApartByTheirShapeAndABsuidIsNeverAPhone() {
        assertEquals(USER, CustomerId.parse("BR.1502576394655843"));
        assertEquals(PHONE, CustomerId.parse("5511987654321"));
        assertThrows(IllegalArgumentException.class, () -> CustomerId.parse("US.ENT.11815799212886844830"));
        assertThrows(IllegalArgumentException.class, () -> CustomerId.parse("+55 11 98765"));
        assertThrows(IllegalArgumentException.class, () -> new CustomerId.Bsuid("BR." + "1".repeat(129)));
        assertEquals("BR." + "1".repeat(128), new CustomerId.Bsuid("BR." + "1".repeat(128)).value());
        assertThrows(IllegalArgumentException.class, () -> new CustomerId.Bsuid("br.123"));
    }

    @Test
    void aUsernameIsShownWithoutItsAtAndAParentIdMustLookLikeOne() {
        assertEquals(Optional.of("sheena"),
                new ContactIdentity(Optional.empty(), Optional.of(USER), Optional.empty(), Optional.of("@sheena")).username());
        assertThrows(IllegalArgumentException.class,
                () -> new ContactIdentity(Optional.empty(), Optional.of(USER), Optional.of("BR.123"), Optional.empty()));
    }

    @Test
    void whatANewerNotificationSaysWinsAndTheRestStays() {
        ContactIdentity known = new ContactIdentity(Optional.of(PHONE), Optional.empty(), Optional.empty(), Optional.of("ana"));
        ContactIdentity newer = new ContactIdentity(Optional.empty(), Optional.of(USER), Optional.empty(), Optional.of("ana.s"));
        assertEquals(new ContactIdentity(Optional.of(PHONE), Optional.of(USER), Optional.empty(), Optional.of("ana.s")),
                known.updatedBy(newer));
        assertEquals(Optional.of(PHONE), known.updatedBy(newer).waId());
    }
}
