package io.janela.domain.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.janela.domain.outbound.Refusal;
import io.janela.domain.outbound.Refusal.Reason;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkipReasonTest {

    @Test
    void aRefusalOfTheContactsOwnStateSkipsUnderItsNameAndAnyOtherAsRefused() {
        Map<Reason, SkipReason> byName = Map.of(
                Reason.CONTACT_BLOCKED, SkipReason.BLOCKED,
                Reason.NO_ADDRESS, SkipReason.NO_ADDRESS,
                Reason.BROADCAST_OPT_OUT, SkipReason.BROADCAST_OPT_OUT,
                Reason.UNDELIVERABLE, SkipReason.UNDELIVERABLE,
                Reason.OPEN_TICKET, SkipReason.OPEN_TICKET,
                Reason.PHONE_REQUIRED, SkipReason.PHONE_REQUIRED);
        for (Reason reason : EnumSet.allOf(Reason.class)) {
            assertEquals(byName.getOrDefault(reason, SkipReason.REFUSED), SkipReason.of(new Refusal(reason, "why")), reason.code());
        }
    }
}
