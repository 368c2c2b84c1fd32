package io.janela.domain.message;

import java.util.Locale;
import java.util.Optional;

/**
 * The life of an outbound message, in the order it can only move forward. Meta delivers
 * statuses out of order and more than once; a status never replaces one ranked above it.
 * {@code failed} is final: nothing Meta reports later revives the message.
 */
public enum DeliveryStatus {
    ACCEPTED,
    SENT,
    DELIVERED,
    READ,
    PLAYED,
    FAILED;

    public boolean supersedes(DeliveryStatus current) {
        return current == null || compareTo(current) > 0;
    }

    public int rank() {
        return ordinal();
    }

    public String metaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromMeta(String status) {
        if (status == null) {
            return Optional.empty();
        }
        for (DeliveryStatus candidate : values()) {
            if (candidate.metaName().equals(status)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
