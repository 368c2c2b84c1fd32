package io.janela.domain.campaign;

import io.janela.domain.outbound.OutboundGuard.Recipient;
import java.util.Optional;

/** The checks a campaign makes on each recipient just before sending, when the contact's state is fresh. */
public final class RecipientCheck {

    private RecipientCheck() {
    }

    public static Optional<SkipReason> skipReason(Recipient recipient) {
        if (recipient.profile().blocked()) {
            return Optional.of(SkipReason.BLOCKED);
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
        return Optional.empty();
    }
}
