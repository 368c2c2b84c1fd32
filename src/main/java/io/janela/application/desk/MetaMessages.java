package io.janela.application.desk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.domain.message.MessageContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a customer's message says, read from Meta's own JSON of it as the webhook stored it. A kind
 * Janela does not read, or a message that lacks what its kind needs, is kept whole as
 * {@link MessageContent.Other}, so the desk still shows what Meta sent.
 */
public final class MetaMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");

    private MetaMessages() {
    }

    public static MessageContent content(String type, String json) {
        JsonNode message;
        try {
            message = JSON.readTree(json);
        } catch (JsonProcessingException notJson) {
            return new MessageContent.Other(type, json);
        }
        return read(type, message == null ? JSON.nullNode() : message).orElseGet(() -> new MessageContent.Other(type, json));
    }

    private static Optional<MessageContent> read(String type, JsonNode message) {
        JsonNode body = message.path(type);
        if (MEDIA.contains(type)) {
            return text(body, "id").map(id -> new MessageContent.Media(type, id, text(body, "mime_type"),
                    text(body, "caption"), text(body, "filename")));
        }
        return switch (type) {
            case "text" -> text(body, "body").map(MessageContent.Text::new);
            case "location" -> location(body);
            case "contacts" -> body.isArray() ? Optional.of(contacts(body)) : Optional.empty();
            case "interactive" -> interactive(body);
            case "button" -> text(body, "text").map(label -> new MessageContent.Button(text(body, "payload").orElse(""), label));
            // an emoji absent or empty: the customer took their reaction back
            case "reaction" -> text(body, "message_id").map(id -> new MessageContent.Reaction(id, text(body, "emoji").orElse("")));
            default -> Optional.empty();
        };
    }

    private static Optional<MessageContent> location(JsonNode body) {
        if (!body.path("latitude").isNumber() || !body.path("longitude").isNumber()) {
            return Optional.empty();
        }
        return Optional.of(new MessageContent.Location(body.path("latitude").asDouble(), body.path("longitude").asDouble(),
                text(body, "name"), text(body, "address")));
    }

    private static MessageContent contacts(JsonNode cards) {
        List<MessageContent.ContactCard> read = new ArrayList<>();
        for (JsonNode card : cards) {
            List<String> phones = new ArrayList<>();
            card.path("phones").forEach(phone -> text(phone, "phone").ifPresent(phones::add));
            read.add(new MessageContent.ContactCard(text(card.path("name"), "formatted_name"), phones));
        }
        return new MessageContent.Contacts(read);
    }

    private static Optional<MessageContent> interactive(JsonNode body) {
        Optional<String> reply = text(body, "type").filter(kind -> kind.equals("button_reply") || kind.equals("list_reply"));
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        JsonNode chosen = body.path(reply.get());
        return text(chosen, "id").map(id -> new MessageContent.InteractiveReply(reply.get(), id, text(chosen, "title").orElse("")));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
