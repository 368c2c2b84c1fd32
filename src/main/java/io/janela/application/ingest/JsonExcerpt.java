package io.janela.application.ingest;

/**
 * JSON text with every long string cut, for a record a person reads: the shape and the short
 * fields (ids, timestamps, types) stay whole, a megabyte of text does not. Works on the text, so
 * it also shortens what no JSON parser would read.
 */
final class JsonExcerpt {

    private JsonExcerpt() {
    }

    static String cut(String json, int fieldLimit) {
        StringBuilder out = new StringBuilder(Math.min(json.length(), 64 * 1024));
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c != '"') {
                out.append(c);
                i++;
                continue;
            }
            int end = stringEnd(json, i + 1);
            int length = end - i - 1;
            if (length <= fieldLimit) {
                out.append(json, i, Math.min(end + 1, json.length()));
            } else {
                int keep = i + 1 + fieldLimit;
                if (json.charAt(keep - 1) == '\\') {
                    keep--; // never split an escape
                }
                out.append(json, i, keep).append("…[cut ").append(length - (keep - i - 1)).append(" chars]\"");
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** The index of the quote closing the string whose content starts at {@code from}. */
    private static int stringEnd(String json, int from) {
        int i = from;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i;
            } else {
                i++;
            }
        }
        return json.length();
    }
}
