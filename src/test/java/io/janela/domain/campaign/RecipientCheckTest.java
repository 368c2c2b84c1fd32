package io.janela.domain.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundGate.Recipient;
import io.janela.domain.window.CustomerServiceWindow;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a campaign checks on each recipient just before its send. */
class RecipientCheckTest {

    private static final ContactKey DORA = new ContactKey("106540352242922", "k0a1b2c3d4e5f60718293a4b5");
    private static final ContactIdentity USER_ID_ONLY = ContactIdentity.of(new CustomerId.Bsuid("US.13491208655302741918"));
    private static final ContactIdentity PHONE_AND_USER_ID = new ContactIdentity(
            Optional.of(new CustomerId.WaId("5511987654321")), Optional.of(new CustomerId.Bsuid("US.13491208655302741918")),
            Optional.empty(), Optional.empty());
    private static final Optional<String> AUTHENTICATION = Optional.of("AUTHENTICATION");
    private static final Optional<String> MARKETING = Optional.of("MARKETING");

    private static Recipient known(ContactIdentity identity) {
        return new Recipient(ContactProfile.firstSeen(DORA, identity), CustomerServiceWindow.none(), Optional.empty());
    }

    @Test
    void anAuthenticationTemplateSkipsARecipientKnownOnlyByUserId() {
        assertEquals(Optional.of(SkipReason.PHONE_REQUIRED), RecipientCheck.skipReason(known(USER_ID_ONLY), AUTHENTICATION));
        assertEquals(Optional.of(SkipReason.PHONE_REQUIRED),
                RecipientCheck.skipReason(known(USER_ID_ONLY), Optional.of("authentication")), "as the desk spelled it");
        assertEquals(Optional.empty(), RecipientCheck.skipReason(known(PHONE_AND_USER_ID), AUTHENTICATION));
        assertEquals(Optional.empty(), RecipientCheck.skipReason(known(USER_ID_ONLY), MARKETING));
        assertEquals(Optional.empty(), RecipientCheck.skipReason(known(USER_ID_ONLY), Optional.empty()));
    }

    @Test
    void aContactWithNeitherPhoneNorUserIdHasNoAddress() {
        assertEquals(Optional.of(SkipReason.NO_ADDRESS), RecipientCheck.skipReason(known(ContactIdentity.NONE), MARKETING));
    }
}
