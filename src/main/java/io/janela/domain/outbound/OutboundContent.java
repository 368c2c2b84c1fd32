package io.janela.domain.outbound;

import java.util.List;
import java.util.Objects;

/** What a message to a customer says: free-form text, or an approved template with its parameters. */
public sealed interface OutboundContent {

    /** Meta's limit for a text body. */
    int MAX_TEXT_LENGTH = 4096;

    record Text(String body) implements OutboundContent {
        public Text {
            if (body == null || body.isBlank()) {
                throw new IllegalArgumentException("text must not be empty");
            }
            if (body.length() > MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("text must be at most " + MAX_TEXT_LENGTH + " characters");
            }
        }
    }

    record Template(String name, String language, List<String> parameters) implements OutboundContent {
        public Template {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("template.name must not be empty");
            }
            if (language == null || language.isBlank()) {
                throw new IllegalArgumentException("template.language must not be empty");
            }
            parameters = List.copyOf(Objects.requireNonNullElse(parameters, List.of()));
            if (parameters.stream().anyMatch(parameter -> parameter == null || parameter.isBlank())) {
                throw new IllegalArgumentException("template.parameters must not hold empty values");
            }
        }
    }
}
