package io.janela.domain.ticket;

import io.janela.domain.contact.ContactKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A ticket's id. It is derived from the message that opened the ticket, so a redelivered
 * message can never open a second ticket: both deliveries name the same one.
 */
public record TicketId(String value) {

    private static final Pattern FORMAT = Pattern.compile("t[0-9a-f]{24}");

    public TicketId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a ticket id is 't' followed by 24 hex digits");
        }
    }

    public static TicketId openedBy(ContactKey contact, String wamid) {
        String seed = contact.phoneNumberId() + "/" + contact.waId() + "/" + wamid;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return new TicketId("t" + HexFormat.of().formatHex(digest, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
