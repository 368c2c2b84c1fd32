package io.janela.domain.message;

import java.time.Instant;
import java.util.Optional;

/**
 * The stretch of a contact's conversation a view reads, both ends included, to the millisecond.
 * A ticket's begins with the customer's message that opened it ({@code openedAt} is that message's
 * timestamp) and ends with its close: the goodbye Janela sends at a close goes out after the close
 * is written (a customer message may still win the race, and then nothing is sent), so a closed
 * ticket whose goodbye was sent ends at the goodbye. An open ticket's has no end: a customer's
 * phone may stamp a message a little ahead of the server's clock, and it is still the ticket's.
 */
public record ConversationRange(Instant from, Instant to) {

    /** Every message the conversation can hold (13 digits of epoch milliseconds). */
    public static final ConversationRange ALL = new ConversationRange(Instant.EPOCH, Instant.ofEpochMilli(9_999_999_999_999L));

    public ConversationRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a range ends after it begins");
        }
    }

    public static ConversationRange ofTicket(Instant openedAt, Optional<Instant> closedAt, Optional<Instant> goodbyeAt) {
        Instant end = closedAt.map(closed -> goodbyeAt.filter(goodbye -> goodbye.isAfter(closed)).orElse(closed))
                .orElse(ALL.to());
        return new ConversationRange(openedAt, end.isBefore(openedAt) ? openedAt : end);
    }
}
