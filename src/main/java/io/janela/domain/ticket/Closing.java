package io.janela.domain.ticket;

import io.janela.domain.window.WindowState;
import java.time.Instant;
import java.util.Objects;

/**
 * How a ticket was closed: why, when, by whom (an agent's e-mail, or {@code janela} for the
 * guard), the customer's window at that moment, and what became of the closing message.
 */
public record Closing(CloseReason reason, Instant at, String by, WindowState windowState, ClosingMessage message) {

    /** Who the sweeper's own closes are recorded as. */
    public static final String JANELA = "janela";

    public Closing {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(windowState, "windowState");
        Objects.requireNonNull(message, "message");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("a closing names who closed the ticket");
        }
    }

    public Closing withMessage(ClosingMessage outcome) {
        return new Closing(reason, at, by, windowState, outcome);
    }
}
