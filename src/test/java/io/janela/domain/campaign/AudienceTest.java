package io.janela.domain.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.domain.campaign.Audience.Named;
import io.janela.domain.contact.CustomerId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An audience names each recipient by phone or by business-scoped user id, checked without a lookup. */
class AudienceTest {

    private static final String DORA = "US.13491208655302741918";

    private static List<Optional<SkipReason>> skips(Audience audience) {
        return audience.rows().stream().map(Audience.Row::skipped).toList();
    }

    @Test
    void aUserIdColumnNamesEachRecipientByTheirUserIdAsWritten() {
        Audience audience = Audience.fromCsv("""
                name,user_id
                Dora, %s\s
                Eva,BR.1087330924463622
                """.formatted(DORA), 1);

        assertEquals(List.of(Optional.empty(), Optional.empty()), skips(audience));
        Named dora = audience.rows().get(0).named();
        assertEquals(new Named(Named.By.USER_ID, DORA, Optional.of(new CustomerId.Bsuid(DORA))), dora);
        assertEquals(Optional.of(DORA), dora.userId());
        assertEquals(Optional.empty(), dora.phone());
        assertEquals(Optional.empty(), dora.waId());
        assertEquals(List.of("Dora"), audience.rows().get(0).parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5511987654321", "us.13491208655302741918", "US13491208655302741918", "US.ENT.11815799212886844830",
            "US.1349-1208", "USA.13491208655302741918", ""})
    void aUserIdIsNeverNormalisedAndAnythingElseIsSkippedAsInvalid(String notAUserId) {
        Audience audience = Audience.of(List.of(Audience.Entry.userId(notAUserId, List.of("Dora"))), 1);

        assertEquals(List.of(Optional.of(SkipReason.INVALID_USER_ID)), skips(audience));
        assertEquals(Optional.of(notAUserId), audience.rows().get(0).named().userId(), "shown as written");
        assertEquals(Optional.empty(), audience.rows().get(0).named().id());
    }

    @Test
    void aRepeatedIdIsSkippedButAPhoneAndAUserIdAreNeverTheSameId() {
        Audience audience = Audience.of(List.of(
                Audience.Entry.userId(DORA, List.of("Dora")),
                Audience.Entry.phone("+55 (11) 98765-4321", List.of("Ana")),
                Audience.Entry.userId(" " + DORA + " ", List.of("Dora")),
                Audience.Entry.phone("5511987654321", List.of("Ana")),
                Audience.Entry.phone(DORA, List.of("Dora"))), 1);

        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.of(SkipReason.DUPLICATE),
                Optional.of(SkipReason.DUPLICATE), Optional.of(SkipReason.INVALID_PHONE)), skips(audience));
        Named ana = audience.rows().get(1).named();
        assertEquals(Optional.of("+55 (11) 98765-4321"), ana.phone());
        assertEquals(Optional.of("5511987654321"), ana.waId());
        assertEquals(Optional.empty(), ana.userId());
        assertEquals(2, audience.sendable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone,user_id,name", "wa_id,user_id,name", "name,cliente,nome"})
    void theCsvHeaderHasExactlyOneIdColumn(String header) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Audience.fromCsv(header + "\n5511987654321," + DORA + ",Ana\n", 2));

        assertTrue(refused.getMessage().contains("exactly one id column: phone (or wa_id), or user_id"), refused.getMessage());
    }
}
