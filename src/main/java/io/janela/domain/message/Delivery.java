package io.janela.domain.message;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an outbound message stands: its status, every status Meta reported with its time (in the
 * order a message lives them, which Meta's timestamps, whole seconds and sometimes out of step,
 * need not follow), Meta's errors when it failed and its pricing once Meta priced it.
 */
public record Delivery(DeliveryStatus status, List<StatusTime> history, List<MetaError> errors, Optional<Pricing> pricing) {

    public record StatusTime(DeliveryStatus status, Instant at) {
    }

    public Delivery {
        history = List.copyOf(history);
        errors = List.copyOf(errors);
    }

    public static Delivery of(DeliveryStatus status, Map<DeliveryStatus, Instant> times, List<MetaError> errors,
            Optional<Pricing> pricing) {
        List<StatusTime> history = times.entrySet().stream()
                .map(time -> new StatusTime(time.getKey(), time.getValue()))
                .sorted(Comparator.comparing(StatusTime::status))
                .toList();
        return new Delivery(status, history, errors, pricing);
    }

    /** When the message reached its status; empty for a status whose time was never reported. */
    public Optional<Instant> statusAt() {
        return history.stream().filter(time -> time.status() == status).map(StatusTime::at).findFirst();
    }
}
