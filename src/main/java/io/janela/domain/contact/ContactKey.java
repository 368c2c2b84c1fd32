package io.janela.domain.contact;

import java.util.regex.Pattern;

/**
 * A contact is one customer ({@code wa_id}) as seen by one business number
 * ({@code phone_number_id}): windows and tickets are kept per pair.
 */
public record ContactKey(String phoneNumberId, String waId) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");

    public ContactKey {
        requireDigits("phoneNumberId", phoneNumberId);
        requireDigits("waId", waId);
    }

    private static void requireDigits(String field, String value) {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 32 digits");
        }
    }

    /** For logs: never a full phone number. */
    public String masked() {
        int keep = Math.min(4, waId.length());
        return phoneNumberId + "/" + "*".repeat(waId.length() - keep) + waId.substring(waId.length() - keep);
    }
}
