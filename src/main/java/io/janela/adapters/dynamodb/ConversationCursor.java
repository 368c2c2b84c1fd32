package io.janela.adapters.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a page of a conversation goes on: the {@code msgAt} and sort key of the last message the
 * Query read, behind the name of the list that gave it (its contact, ticket and order), sent as
 * base64url of {@code <list>\n<msgAt>}. The partition comes from the request, never from the cursor,
 * and a cursor outside the request's range is refused: a forged one can only move within the list.
 */
final class ConversationCursor {

    private static final int MAX_LENGTH = 512;
    private static final Pattern MSG_AT = Pattern.compile("([0-9]{13})#((?:IN|OUT)#[A-Za-z0-9_=+/.:-]{1,200})");
    private static final String NOT_OURS = "cursor is not one this list gave: pass the previous page's cursor unchanged";

    private ConversationCursor() {
    }

    static String encode(String list, Map<String, AttributeValue> lastKey) {
        String text = list + "\n" + lastKey.get(ContactItems.MSG_AT).s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The Query's exclusive start key; anything but a cursor of this list within {@code from..to} is refused. */
    static Map<String, AttributeValue> decode(String cursor, String list, String partition, String from, String to) {
        String text;
        try {
            text = cursor.length() > MAX_LENGTH ? "" : new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(NOT_OURS);
        }
        int newline = text.indexOf('\n');
        Matcher msgAt = MSG_AT.matcher(newline < 0 ? "" : text.substring(newline + 1));
        if (!msgAt.matches()) {
            throw new IllegalArgumentException(NOT_OURS);
        }
        if (!text.substring(0, newline).equals(list)) {
            throw new IllegalArgumentException("cursor belongs to another list: keep the order as it was, or start again without it");
        }
        if (msgAt.group().compareTo(from) < 0 || msgAt.group().compareTo(to) > 0) {
            throw new IllegalArgumentException(NOT_OURS);
        }
        return Map.of(ContactItems.PK, Attributes.s(partition), ContactItems.SK, Attributes.s(msgAt.group(2)),
                ContactItems.MSG_AT, Attributes.s(msgAt.group()));
    }
}
