package io.janela.domain.desk;

import java.util.Locale;
import java.util.regex.Pattern;

/** Labels a desk puts on tickets ("refund", "vip"): lower-case, so "VIP" and "vip" are one tag. */
public final class Tags {

    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]{0,39}");
    public static final int MAX_PER_TICKET = 20;

    private Tags() {
    }

    public static String checked(String tag) {
        String lowered = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(lowered).matches()) {
            throw new IllegalArgumentException("a tag is 1 to 40 letters, digits, '.', '_' or '-'");
        }
        return lowered;
    }
}
