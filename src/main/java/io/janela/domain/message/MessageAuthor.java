package io.janela.domain.message;

import io.janela.domain.ticket.Closing;
import java.util.Optional;

/** Who wrote a message of a conversation, as the desk shows it. */
public sealed interface MessageAuthor {

    record Customer() implements MessageAuthor {
    }

    /** An agent of the desk, by e-mail: a reply, an active message, or the goodbye of a close by hand. */
    record Agent(String email) implements MessageAuthor {
    }

    record Campaign(String id) implements MessageAuthor {
    }

    /** Janela itself: the window guard's closing message and its expiring nudge. */
    record Sweeper() implements MessageAuthor {
    }

    /** A message whose statuses Meta reported but that Janela has no record of sending (yet, or ever). */
    record Unknown() implements MessageAuthor {
    }

    MessageAuthor CUSTOMER = new Customer();

    /**
     * Who sent an outbound message, from what its record keeps: the campaign it belongs to, else
     * {@code sentBy} (the guard's sends are recorded as {@link Closing#JANELA}, an agent's as their e-mail).
     */
    static MessageAuthor ofOutbound(Optional<String> sentBy, Optional<String> campaign) {
        if (campaign.isPresent()) {
            return new Campaign(campaign.get());
        }
        if (sentBy.isEmpty()) {
            return new Unknown();
        }
        return Closing.JANELA.equals(sentBy.get()) ? new Sweeper() : new Agent(sentBy.get());
    }
}
