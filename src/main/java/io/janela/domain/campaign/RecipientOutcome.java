package io.janela.domain.campaign;

import io.janela.domain.message.DeliveryStatus;
import java.util.Locale;

/**
 * Where one recipient of a campaign stands. SENDING is claimed before the call to Meta, so a
 * retried batch never sends twice; a claim whose result was lost becomes UNKNOWN unless a
 * status webhook (tied back by the callback data) tells what happened.
 */
public enum RecipientOutcome {
    PENDING,
    SKIPPED,
    SENDING,
    UNKNOWN,
    SENT,
    DELIVERED,
    READ,
    FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecipientOutcome of(DeliveryStatus status) {
        return switch (status) {
            case ACCEPTED, SENT -> SENT;
            case DELIVERED -> DELIVERED;
            case READ, PLAYED -> READ;
            case FAILED -> FAILED;
        };
    }

    /** Statuses only move forward; FAILED is final, as for every message. */
    public boolean canBecome(RecipientOutcome next) {
        return switch (this) {
            case PENDING -> next == SENDING || next == SKIPPED;
            case SKIPPED, FAILED -> false;
            case SENDING, UNKNOWN -> next.ordinal() >= SENT.ordinal() || (this == SENDING && next == UNKNOWN);
            case SENT, DELIVERED, READ -> next.ordinal() > ordinal();
        };
    }
}
