package io.janela.domain.contact;

import java.util.regex.Pattern;

/**
 * A contact: one customer of one business number ({@code phone_number_id}), under a key of
 * Janela's own ({@code id}). Windows, tickets, flags, reply rules and messages are kept under the
 * key, so they never move when Meta names the customer by a new phone number or user id: both
 * kinds of {@link CustomerId} resolve to the key. Keys are random, name nobody, and are unique
 * across business numbers.
 */
public record ContactKey(String phoneNumberId, String id) {

    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern ID = Pattern.compile("k[0-9a-f]{24}");

    public ContactKey {
        checkedPhoneNumberId(phoneNumberId);
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a contact key is 'k' followed by 24 hex digits");
        }
    }

    /** Stands for a customer Janela has never seen while a send or a campaign row is weighed; never stored. */
    public static final ContactKey PROVISIONAL = new ContactKey("0", "k000000000000000000000000");

    /** A business number's id as Meta writes it ({@code phone_number_id}): 1 to 32 digits. */
    public static String checkedPhoneNumberId(String phoneNumberId) {
        if (phoneNumberId == null || !PHONE_NUMBER_ID.matcher(phoneNumberId).matches()) {
            throw new IllegalArgumentException("phoneNumberId must be 1 to 32 digits");
        }
        return phoneNumberId;
    }

    public static boolean isKey(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The key's 24 hex digits, which a ticket id carries. */
    public String hex() {
        return id.substring(1);
    }

    /** For logs: the key names nobody, so it is written whole. */
    public String forLog() {
        return phoneNumberId + "/" + id;
    }
}
