package io.janela.domain.message;

import io.janela.domain.contact.ContactKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One entry of a webhook's {@code statuses[]}: what happened to a message we sent. */
public record StatusUpdate(
        ContactKey contact,
        String wamid,
        DeliveryStatus status,
        Instant at,
        List<MetaError> errors,
        Optional<Pricing> pricing,
        Optional<String> conversationId,
        Optional<String> callbackData) {

    public StatusUpdate {
        errors = List.copyOf(errors);
    }
}
