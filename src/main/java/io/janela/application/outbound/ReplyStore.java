package io.janela.application.outbound;

import io.janela.domain.ticket.Ticket;
import java.time.Instant;

/**
 * What an agent's reply does to the ticket it answers, written once Meta has the message. The
 * write is conditional on the ticket as the caller read it, so a close, another agent taking the
 * ticket or a customer message landing meanwhile is never overwritten.
 */
public interface ReplyStore {

    enum ReplyOutcome {
        /** The ticket had no agent: the one who replied holds it now. */
        TOOK_OVER,
        /** Marked answered; whoever held it still does. */
        ANSWERED,
        /** Closed (or gone) since it was read: nothing to mark. */
        NOT_OPEN
    }

    /**
     * An agent's message reached Meta: the ticket is answered up to {@code at}, and when it has no
     * agent and is not kept for another one, {@code agent} takes it (its department stays), as
     * {@link Ticket#replyBy} decides.
     */
    ReplyOutcome replied(Ticket ticket, String agent, Instant at);
}
