package io.janela.domain.ticket;

import java.time.Instant;
import java.util.Optional;

/**
 * What an agent's reply, once Meta has it, does to the ticket it answers: it answers the customer,
 * and when nobody holds the ticket and it is kept for nobody else, the replier takes it.
 */
public sealed interface Reply {

    /** The ticket is closed: nothing to mark. */
    record NotOpen() implements Reply {
    }

    /**
     * Answered already and not the replier's to take: nothing to mark, so a customer message sent
     * meanwhile keeps waiting for its own answer.
     */
    record AlreadyAnswered() implements Reply {
    }

    /**
     * The mark the reply leaves at {@code at}. With {@code answersAll} every customer message so far
     * is answered; without, one came after the reply, and its wait is timed from the reply.
     */
    record Mark(Instant at, boolean answersAll, Optional<TakeOver> takeOver) implements Reply {

        /** The customer's wait the reply leaves: none, or the message that came after it, timed from the reply. */
        public Optional<Instant> unansweredSince() {
            return answersAll ? Optional.empty() : Optional.of(at);
        }
    }

    /**
     * The replier holds the ticket (OPEN); its department stays, its reservation and its place in a
     * queue go. Only while nobody holds it and it is still kept for {@code reservation} (none: for nobody).
     */
    record TakeOver(String agent, Optional<String> reservation) {
    }
}
