package io.janela.domain.outbound;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import java.util.Objects;
import java.util.Optional;

/**
 * One message on its way to Meta, for contact {@code to} at {@code address} (its phone when Janela
 * knows one, otherwise its BSUID). {@code callbackData} is sent as {@code biz_opaque_callback_data},
 * which Meta echoes in every status of the message.
 */
public record OutboundMessage(ContactKey to, CustomerId address, OutboundContent content, Optional<String> callbackData) {

    public OutboundMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(content, "content");
        callbackData = Objects.requireNonNullElse(callbackData, Optional.empty());
    }
}
