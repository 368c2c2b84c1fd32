package io.janela.domain.message;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a contact's conversation as the desk reads it. {@code id} is the wamid of an
 * inbound message and Janela's id of an outbound one ({@code wamid} beside it once Meta accepted
 * it; a message only a status told of has no id of Janela's and is named by its wamid). {@code at}
 * is Meta's timestamp for inbound and the time Janela accepted the send for outbound.
 */
public record ConversationMessage(String id, Optional<String> wamid, Direction direction, Instant at,
        MessageAuthor from, MessageContent content, Optional<Delivery> delivery, List<Reaction> reactions) {

    public enum Direction {
        INBOUND, OUTBOUND
    }

    /** A customer's reaction shown on the message it reacts to. */
    public record Reaction(String id, String emoji, Instant at) {
    }

    public ConversationMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        reactions = List.copyOf(reactions);
    }

    public static ConversationMessage inbound(String wamid, Instant at, MessageContent content) {
        return new ConversationMessage(wamid, Optional.of(wamid), Direction.INBOUND, at, MessageAuthor.CUSTOMER, content,
                Optional.empty(), List.of());
    }

    public static ConversationMessage outbound(String id, Optional<String> wamid, Instant at, MessageAuthor from,
            MessageContent content, Delivery delivery) {
        return new ConversationMessage(id, wamid, Direction.OUTBOUND, at, from, content, Optional.of(delivery), List.of());
    }

    ConversationMessage withReactions(List<Reaction> shown) {
        return new ConversationMessage(id, wamid, direction, at, from, content, delivery, shown);
    }
}
