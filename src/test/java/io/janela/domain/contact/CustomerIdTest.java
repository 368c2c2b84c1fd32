package io.janela.domain.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How Meta names a customer in 2026: a phone number, a business-scoped user id (BSUID), or both. */
class CustomerIdTest {

    @Test
    void aReferenceIsAPhoneNumberOrABsuidByItsShapeAndNeverBoth() {
        assertInstanceOf(CustomerId.WaId.class, CustomerId.parse("5511987654321"));
        assertInstanceOf(CustomerId.Bsuid.class, CustomerId.parse("US.13491208655302741918"));
        assertInstanceOf(CustomerId.Bsuid.class, CustomerId.parse("CO.a1B2c3"), "Meta promises letters and digits");
        for (String neither : List.of("+5511987654321", "55 11 98765-4321", "us.1349", "USA.1349", "US.", "US.ENT.1181579921",
                "realsheenanelson", "")) {
            assertThrows(IllegalArgumentException.class, () -> CustomerId.parse(neither), neither);
        }
    }

    @Test
    void aBsuidHasAtMost128LettersAndDigitsAfterItsCountry() {
        assertEquals(131, new CustomerId.Bsuid("US." + "7".repeat(128)).value().length());
        assertThrows(IllegalArgumentException.class, () -> new CustomerId.Bsuid("US." + "7".repeat(129)));
    }

    @Test
    void logsSeeTheKindAndTheLastFourCharactersOnly() {
        assertEquals("P:*********4321", new CustomerId.WaId("5511987654321").masked());
        assertEquals("U:*******************1918", new CustomerId.Bsuid("US.13491208655302741918").masked());
    }

    @Test
    void theBsuidComesFirstAndTheUsernameIsKeptWithoutItsAt() {
        ContactIdentity sheena = new ContactIdentity(Optional.of(new CustomerId.WaId("16505551234")),
                Optional.of(new CustomerId.Bsuid("US.13491208655302741918")), Optional.of("US.ENT.11815799212886844830"),
                Optional.of("@realsheenanelson"));
        assertEquals(List.of(new CustomerId.Bsuid("US.13491208655302741918"), new CustomerId.WaId("16505551234")), sheena.ids());
        assertEquals(Optional.of("realsheenanelson"), sheena.username());
        assertThrows(IllegalArgumentException.class, () -> new ContactIdentity(Optional.empty(),
                Optional.of(new CustomerId.Bsuid("US.1349")), Optional.of("US.11815799212886844830"), Optional.empty()),
                "a parent BSUID has ENT after the country");
    }

    @Test
    void whatANewerNotificationSaysWinsAndWhatItLeavesOutStays() {
        ContactIdentity known = new ContactIdentity(Optional.of(new CustomerId.WaId("5511987654321")), Optional.empty(),
                Optional.empty(), Optional.of("ana"));
        ContactIdentity newer = new ContactIdentity(Optional.empty(), Optional.of(new CustomerId.Bsuid("BR.1349")),
                Optional.empty(), Optional.of("ana.souza"));
        assertEquals(new ContactIdentity(Optional.of(new CustomerId.WaId("5511987654321")),
                Optional.of(new CustomerId.Bsuid("BR.1349")), Optional.empty(), Optional.of("ana.souza")), known.updatedBy(newer));
    }

    @Test
    void anIdChangeNeverRetiresAnIdItAlsoNamesAsCurrent() {
        CustomerId.WaId phone = new CustomerId.WaId("5511987654321");
        CustomerId.Bsuid old = new CustomerId.Bsuid("BR.1349");
        ContactIdentity current = new ContactIdentity(Optional.of(phone), Optional.of(new CustomerId.Bsuid("BR.2468")),
                Optional.empty(), Optional.empty());
        IdentityChange change = new IdentityChange(List.of(old, phone, old), current, Instant.parse("2026-11-21T09:00:00Z"));
        assertEquals(List.of(old), change.retired());
        assertFalse(change.retired().contains(phone));
        assertThrows(IllegalArgumentException.class,
                () -> new IdentityChange(List.of(old), ContactIdentity.NONE, Instant.parse("2026-11-21T09:00:00Z")));
    }
}
