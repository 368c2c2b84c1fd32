package io.janela.domain.message;

import io.janela.domain.contact.ContactKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Janela's own id of an outbound message: {@code m}, the 24 hex digits of its contact's key, the
 * time Janela accepted the send (epoch milliseconds, 12 hex digits) and 16 random hex digits. The
 * id says where the message is kept and when, so it is read back with one Query of its contact's
 * conversation at that millisecond, and no index of ids is needed.
 */
public record MessageId(String value) {

    private static final Pattern FORMAT = Pattern.compile("m([0-9a-f]{24})([0-9a-f]{12})[0-9a-f]{16}");

    public MessageId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a message id is 'm' followed by 52 hex digits");
        }
    }

    /** {@code random}: 16 hex digits drawn by the caller (the domain draws no randomness). */
    public static MessageId of(ContactKey contact, Instant acceptedAt, String random) {
        return new MessageId("m" + contact.hex() + String.format("%012x", acceptedAt.toEpochMilli()) + random);
    }

    /** An id in this form; ids of the older form ({@code m} and a bare UUID) say nothing of where they are. */
    public static Optional<MessageId> parse(String value) {
        return value != null && FORMAT.matcher(value).matches() ? Optional.of(new MessageId(value)) : Optional.empty();
    }

    /** The key of the contact the message went to. */
    public String contactId() {
        return "k" + part(1);
    }

    public Instant acceptedAt() {
        return Instant.ofEpochMilli(HexFormat.fromHexDigitsToLong(part(2)));
    }

    private String part(int group) {
        Matcher matcher = FORMAT.matcher(value);
        matcher.matches();
        return matcher.group(group);
    }

    @Override
    public String toString() {
        return value;
    }
}
