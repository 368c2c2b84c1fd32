package io.janela.domain.message;

import io.janela.domain.contact.ContactKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A message a customer sent, of any type. The original JSON is kept as Meta sent it, so later
 * features can use fields Janela does not read today.
 */
public record InboundMessage(ContactKey contact, String wamid, String type, Instant sentAt, String originalJson) {

    public InboundMessage {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(sentAt, "sentAt");
        if (wamid == null || wamid.isBlank()) {
            throw new IllegalArgumentException("a message needs its wamid");
        }
        type = type == null || type.isBlank() ? "unknown" : type;
    }

    /**
     * Meta's {@code system} messages (a customer changed number, for instance) are written by
     * WhatsApp, not by the customer: they neither open the window nor a ticket.
     */
    public boolean isFromCustomer() {
        return !"system".equals(type);
    }
}
