package io.janela.domain.ticket;

import io.janela.domain.outbound.OutboundContent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A close an agent asked for at a later time. With {@code cancelOnReply} a customer message
 * written after the request cancels it; without, the ticket closes at {@code at} regardless.
 * Meta stamps messages to the whole second and the request is kept to the second, so a message in
 * the request's own second may have come after it: that doubt goes to the customer, and it cancels.
 */
public record ScheduledClose(Instant at, boolean cancelOnReply, Optional<String> message, String requestedBy,
        Instant requestedAt) {

    public ScheduledClose {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(requestedAt, "requestedAt");
        message = checkedMessage(message);
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new IllegalArgumentException("a scheduled close names who asked for it");
        }
    }

    /**
     * Checks a request against the ticket: only an open ticket, only a future instant, and never
     * after the window ends (after that the guard has closed the ticket already).
     */
    public static ScheduledClose request(Ticket ticket, Instant at, boolean cancelOnReply, Optional<String> message,
            String requestedBy, Instant now) {
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("at must be in the future; it was " + at + " and now is " + now);
        }
        Instant windowEnds = ticket.window().closesAt().orElseThrow();
        if (at.isAfter(windowEnds)) {
            throw new IllegalArgumentException("at must be within the customer's window, which ends at " + windowEnds
                    + "; it was " + at);
        }
        // kept to the second, as every stored instant is
        return new ScheduledClose(at.truncatedTo(ChronoUnit.SECONDS), cancelOnReply, message, requestedBy,
                now.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A closing message is free-form text: not blank, within WhatsApp's limit. */
    public static Optional<String> checkedMessage(Optional<String> message) {
        Optional<String> text = Objects.requireNonNullElse(message, Optional.<String>empty());
        if (text.isPresent() && (text.get().isBlank() || text.get().length() > OutboundContent.MAX_TEXT_LENGTH)) {
            throw new IllegalArgumentException("message must be 1 to " + OutboundContent.MAX_TEXT_LENGTH + " characters");
        }
        return text;
    }

    /** The customer wrote after (or in the same second as) the close was asked for, and the close was to give way. */
    public boolean cancelledBy(Instant lastInboundAt) {
        return cancelOnReply && !lastInboundAt.isBefore(requestedAt);
    }

    public boolean dueAt(Instant now) {
        return !now.isBefore(at);
    }
}
