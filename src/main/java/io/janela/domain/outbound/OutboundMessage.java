package io.janela.domain.outbound;

import io.janela.domain.contact.ContactKey;
import java.util.Objects;
import java.util.Optional;

/**
 * One message on its way to Meta. {@code callbackData} is sent as {@code biz_opaque_callback_data},
 * which Meta echoes in every status of the message.
 */
public record OutboundMessage(ContactKey to, OutboundContent content, Optional<String> callbackData) {

    public OutboundMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(content, "content");
        callbackData = Objects.requireNonNullElse(callbackData, Optional.empty());
    }
}
