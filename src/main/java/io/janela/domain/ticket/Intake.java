package io.janela.domain.ticket;

import io.janela.domain.contact.ContactProfile;
import io.janela.domain.message.InboundMessage;

/** What a customer message does to the contact's tickets. */
public sealed interface Intake {

    /** Kept for the record, no ticket is touched. */
    record StoreOnly(String reason) implements Intake {
    }

    record Join(TicketId ticket) implements Intake {
    }

    record Open(TicketId ticket) implements Intake {
    }

    static Intake decide(ContactProfile profile, InboundMessage message) {
        if (!message.isFromCustomer()) {
            return new StoreOnly("system message");
        }
        if (profile.blocked()) {
            return new StoreOnly("contact blocked");
        }
        return profile.openTicketId()
                .<Intake>map(Join::new)
                .orElseGet(() -> new Open(TicketId.openedBy(message.contact(), message.wamid())));
    }
}
