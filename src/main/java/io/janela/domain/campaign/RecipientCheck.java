package io.janela.domain.campaign;

import io.janela.domain.outbound.OutboundGate;
import io.janela.domain.outbound.OutboundGate.Recipient;
import java.util.Optional;

/** The checks a campaign makes on each recipient just before sending, when the contact's state is fresh. */
public final class RecipientCheck {

    private RecipientCheck() {
    }

    /** @param templateCategory the category of the campaign's template, as the desk recorded it */
    public static Optional<SkipReason> skipReason(Recipient recipient, Optional<String> templateCategory) {
        if (recipient.profile().blocked()) {
            return Optional.of(SkipReason.BLOCKED);
        }
        if (recipient.profile().address().isEmpty()) {
            return Optional.of(SkipReason.NO_ADDRESS);
        }
        if (recipient.profile().broadcastOptOut()) {
            return Optional.of(SkipReason.BROADCAST_OPT_OUT);
        }
        if (recipient.profile().undeliverable()) {
            return Optional.of(SkipReason.UNDELIVERABLE);
        }
        if (recipient.openTicket().isPresent()) {
            return Optional.of(SkipReason.OPEN_TICKET);
        }
        if (OutboundGate.phoneOnly(templateCategory) && recipient.profile().identity().waId().isEmpty()) {
            return Optional.of(SkipReason.PHONE_REQUIRED);
        }
        return Optional.empty();
    }
}
