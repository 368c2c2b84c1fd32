package io.janela.domain.ticket;

import io.janela.domain.contact.ContactKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A ticket's id: {@code t}, the 24 hex digits of its contact's key, and 10 derived from the message
 * that opened it. A redelivered message can never open a second ticket (both deliveries name the
 * same one), and the id alone says where the ticket is kept: no index is needed to find it.
 */
public record TicketId(String value) {

    private static final Pattern FORMAT = Pattern.compile("t[0-9a-f]{34}");
    private static final int CONTACT_HEX = 24;

    public TicketId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a ticket id is 't' followed by 34 hex digits");
        }
    }

    public static boolean isTicketId(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static TicketId openedBy(ContactKey contact, String wamid) {
        String seed = contact.id() + "/" + wamid;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return new TicketId("t" + contact.hex() + HexFormat.of().formatHex(digest, 0, 5));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The key of the contact the ticket is with (the business number is on the ticket itself). */
    public String contactId() {
        return "k" + value.substring(1, 1 + CONTACT_HEX);
    }

    @Override
    public String toString() {
        return value;
    }
}
