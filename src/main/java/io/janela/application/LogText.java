package io.janela.application;

/**
 * A value from outside (Meta's payload or answer, a request, a caller's identity) made safe for one
 * log line: cut to {@value #LIMIT} characters, with backslashes, quotes, line breaks, NUL and every
 * other control character escaped, so a value can neither forge a log line of its own, nor end a
 * quoted field early, nor bury the log in a megabyte. Every log statement that prints such a value
 * passes it through {@link #of}; values Janela made itself (contact keys, ticket ids, counts, codes)
 * need not.
 */
public final class LogText {

    /** Characters of the value kept (before escaping). */
    public static final int LIMIT = 200;

    private LogText() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "-";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(Math.min(text.length(), LIMIT) + 16);
        int kept = 0;
        int i = 0;
        while (i < text.length() && kept < LIMIT) {
            int c = text.codePointAt(i);
            escape(c, out);
            i += Character.charCount(c);
            kept++;
        }
        if (i < text.length()) {
            out.append("…[+").append(text.codePointCount(i, text.length())).append(']');
        }
        return out.toString();
    }

    private static void escape(int c, StringBuilder out) {
        switch (c) {
            case '\\' -> out.append("\\\\");
            case '"' -> out.append("\\\"");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                // C0 and C1 controls (NUL, ESC, NEL...) and Unicode's own line and paragraph separators
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.appendCodePoint(c);
                }
            }
        }
    }
}
