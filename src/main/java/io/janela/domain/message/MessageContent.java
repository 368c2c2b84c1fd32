package io.janela.domain.message;

import java.util.List;
import java.util.Optional;

/** What a message of a conversation says, by kind. */
public sealed interface MessageContent {

    /** The kind's name as the desk shows it: Meta's message type, or {@code template}. */
    String kind();

    record Text(String body) implements MessageContent {
        public String kind() {
            return "text";
        }
    }

    /** An image, video, audio, document or sticker: Meta's media id fetches the file. */
    record Media(String kind, String mediaId, Optional<String> mimeType, Optional<String> caption,
            Optional<String> filename) implements MessageContent {
    }

    record Location(double latitude, double longitude, Optional<String> name, Optional<String> address)
            implements MessageContent {
        public String kind() {
            return "location";
        }
    }

    record ContactCard(Optional<String> name, List<String> phones) {
    }

    record Contacts(List<ContactCard> cards) implements MessageContent {
        public String kind() {
            return "contacts";
        }
    }

    /** A tap on an interactive message: {@code reply} is {@code button_reply} or {@code list_reply}. */
    record InteractiveReply(String reply, String id, String title) implements MessageContent {
        public String kind() {
            return "interactive";
        }
    }

    /** A tap on a template's quick-reply button. */
    record Button(String payload, String text) implements MessageContent {
        public String kind() {
            return "button";
        }
    }

    /** A customer's reaction to {@code messageId} (a wamid); an empty emoji takes their reaction back. */
    record Reaction(String messageId, String emoji) implements MessageContent {
        public String kind() {
            return "reaction";
        }

        public boolean removes() {
            return emoji.isEmpty();
        }
    }

    record Template(String name, String language, List<String> parameters) implements MessageContent {
        public String kind() {
            return "template";
        }
    }

    /** Anything Janela does not read (Meta's {@code unsupported} included): Meta's JSON kept whole. */
    record Other(String kind, String json) implements MessageContent {
    }
}
