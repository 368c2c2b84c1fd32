package io.janela.domain.desk;

import java.time.Instant;
import java.util.Objects;

/** An internal note on a ticket: read by agents, never sent to the customer, never a reply. */
public record Note(Instant at, String by, String text) {

    public static final int MAX_LENGTH = 4096;

    public Note {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        text = checkedText(text);
    }

    public static String checkedText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("text must be at most " + MAX_LENGTH + " characters");
        }
        return text;
    }
}
