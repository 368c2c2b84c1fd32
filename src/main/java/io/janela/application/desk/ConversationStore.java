package io.janela.application.desk;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.ConversationMessage;
import io.janela.domain.message.ConversationRange;
import io.janela.domain.message.MessageId;
import io.janela.domain.ticket.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A contact's messages, inbound and outbound, in the order they were written or sent. */
public interface ConversationStore {

    enum Order {
        NEWEST, OLDEST
    }

    /** One page's request: {@code cursor} is the previous page's, as it gave it. */
    record Paging(Order order, int limit, Optional<String> cursor) {

        public static final int DEFAULT_LIMIT = 50;
        public static final int MAX_LIMIT = 100;

        public Paging {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be a whole number between 1 and " + MAX_LIMIT);
            }
        }
    }

    /** A page of messages; only an empty {@code cursor} says there are no more. */
    record Page(List<ConversationMessage> messages, Optional<String> cursor) {
    }

    /**
     * The contact's messages within {@code range}. With a {@code ticket}, the customer's messages are
     * those that landed on it (not a bot flow's, nor another ticket's in the same second); every
     * outbound message in the range is the ticket's.
     */
    Page messages(String contactId, ConversationRange range, Optional<TicketId> ticket, Paging paging);

    /** An outbound message by Janela's id. */
    Optional<ConversationMessage> outbound(MessageId id);

    /** When Janela accepted the send of the message Meta knows as {@code wamid}. */
    Optional<Instant> acceptedAt(ContactKey contact, String wamid);
}
