package io.janela.domain.ticket;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of the message a close sends the customer. A closing message is always free-form,
 * so it only goes out while the window is open; it is never turned into an active message.
 */
public record ClosingMessage(Outcome outcome, Optional<String> detail) {

    public enum Outcome {
        /** No message was asked for. */
        NONE,
        /** The ticket is closed and the message is on its way (the send follows the close). */
        PENDING,
        /** Meta accepted it; the detail is its wamid. */
        SENT,
        /** Not sent: the customer's window had already closed, so only a template could reach them. */
        WINDOW_CLOSED,
        /** Not sent: the guard refused it (detail: the refusal's code). */
        REFUSED,
        /** Meta refused it or did not answer (detail: Meta's code). */
        FAILED
    }

    public static final ClosingMessage NONE = new ClosingMessage(Outcome.NONE, Optional.empty());
    public static final ClosingMessage PENDING = new ClosingMessage(Outcome.PENDING, Optional.empty());
    public static final ClosingMessage WINDOW_CLOSED = new ClosingMessage(Outcome.WINDOW_CLOSED, Optional.empty());

    public ClosingMessage {
        Objects.requireNonNull(outcome, "outcome");
        detail = Objects.requireNonNullElse(detail, Optional.empty());
    }

    public static ClosingMessage sent(String wamid) {
        return new ClosingMessage(Outcome.SENT, Optional.of(wamid));
    }

    public static ClosingMessage refused(String code) {
        return new ClosingMessage(Outcome.REFUSED, Optional.of(code));
    }

    public static ClosingMessage failed(String code) {
        return new ClosingMessage(Outcome.FAILED, Optional.of(code));
    }

    /** The plan before closing: send only while the window allows free-form text. */
    public static ClosingMessage planned(Optional<String> text, boolean windowOpen) {
        if (text.isEmpty()) {
            return NONE;
        }
        return windowOpen ? PENDING : WINDOW_CLOSED;
    }
}
