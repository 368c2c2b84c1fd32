package io.janela.application.outbound;

import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundMessage;

/** Hands one message to Meta's Cloud API and says what Meta answered. */
public interface MessageSender {

    SendOutcome send(OutboundMessage message);

    sealed interface SendOutcome {
    }

    /** Meta took the message; its statuses will follow on the webhook. */
    record Accepted(String wamid) implements SendOutcome {
    }

    /**
     * Meta answered with an error. {@code transientError} says it was one worth retrying and the
     * retries ran out; otherwise retrying would not help.
     */
    record Rejected(int httpStatus, MetaError error, boolean transientError) implements SendOutcome {
    }

    /**
     * No answer from Meta. {@code mayHaveArrived} is false when the request never left (connection
     * refused, after every retry), true when it timed out after it was sent: Meta may have taken it.
     */
    record Unreachable(String reason, boolean mayHaveArrived) implements SendOutcome {
    }
}
