package io.janela.domain.contact;

import java.util.regex.Pattern;

/**
 * One way Meta names a customer of a business: the phone number ({@code wa_id}) or the
 * business-scoped user id ({@code user_id}, a BSUID such as {@code US.13491208655302741918}). A
 * BSUID is never a phone number: a customer who adopted a WhatsApp username may be known by it alone.
 */
public sealed interface CustomerId {

    String value();

    /** {@code P} or {@code U}: how the kind is written where both kinds share a key space. */
    String kind();

    /** A phone number as Meta writes it: digits only, country code first. */
    record WaId(String value) implements CustomerId {
        private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");

        public WaId {
            if (!isWaId(value)) {
                throw new IllegalArgumentException("a wa_id is 1 to 32 digits");
            }
        }

        public static boolean isWaId(String value) {
            return value != null && DIGITS.matcher(value).matches();
        }

        @Override
        public String kind() {
            return "P";
        }
    }

    /** A business-scoped user id: a two-letter country code, a period and up to 128 letters and digits. */
    record Bsuid(String value) implements CustomerId {
        private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9]{1,128}");

        public Bsuid {
            if (!isBsuid(value)) {
                throw new IllegalArgumentException(
                        "a business-scoped user id is a two-letter country code, a period and 1 to 128 letters and digits");
            }
        }

        /** Whether {@code value} is a business-scoped user id exactly as Meta writes one (never normalised). */
        public static boolean isBsuid(String value) {
            return value != null && FORMAT.matcher(value).matches();
        }

        @Override
        public String kind() {
            return "U";
        }
    }

    /** A phone number or a BSUID, told apart by their shapes; anything else is refused. */
    static CustomerId parse(String reference) {
        if (reference != null && Bsuid.FORMAT.matcher(reference).matches()) {
            return new Bsuid(reference);
        }
        if (reference != null && WaId.DIGITS.matcher(reference).matches()) {
            return new WaId(reference);
        }
        throw new IllegalArgumentException("a contact is named by its phone number (digits) or its business-scoped user id"
                + " (such as US.13491208655302741918)");
    }

    /** For logs: never a whole phone number or user id. */
    default String masked() {
        String value = value();
        int keep = Math.min(4, value.length());
        return kind() + ":" + "*".repeat(value.length() - keep) + value.substring(value.length() - keep);
    }
}
