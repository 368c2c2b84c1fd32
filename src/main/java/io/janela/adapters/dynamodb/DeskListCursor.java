package io.janela.adapters.dynamodb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.application.desk.TicketListStore.Caller;
import io.janela.domain.desk.TicketListing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a ticket list goes on: for each index partition it reads, the key of the last row it returned
 * from there (or of the last index entry its filter read past), "done", or nothing yet. Sent as
 * base64url of a small JSON: {@code {"v":1,"f":"<list>","p":[null | "done" | [sort, pk, sk], ...]}}.
 * {@code f} ties it to the list that gave it (view, filters, order, caller). The partitions come from
 * the list, never from the cursor, so a forged cursor can only move within the list its caller may read.
 */
final class DeskListCursor {

    private static final int VERSION = 1;
    private static final int MAX_LENGTH = 2048;
    private static final String DONE = "done";
    private static final String NOT_OURS = "is not one this list gave: pass the previous page's cursor unchanged";
    private static final Pattern PK = Pattern.compile("C#k[0-9a-f]{24}");
    private static final Pattern SK = Pattern.compile(ContactItems.TICKET_PREFIX + "[A-Za-z0-9]+");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private DeskListCursor() {
    }

    /** Where one partition's reading goes on. */
    sealed interface Position {
        Position START = new Start();
        Position DONE_READING = new Done();
    }

    record Start() implements Position {
    }

    record Done() implements Position {
    }

    record After(long sort, String pk, String sk) implements Position {
    }

    static String encode(String list, List<Position> positions) {
        ObjectNode cursor = JSON.createObjectNode();
        cursor.put("v", VERSION);
        cursor.put("f", list);
        ArrayNode parts = cursor.putArray("p");
        for (Position position : positions) {
            if (position instanceof After after) {
                parts.addArray().add(after.sort()).add(after.pk()).add(after.sk());
            } else if (position instanceof Done) {
                parts.add(DONE);
            } else {
                parts.addNull();
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The positions of a cursor this list gave, one per partition; anything else is refused naming {@code cursor}. */
    static List<Position> decode(String text, String list, int partitions) {
        if (text.length() > MAX_LENGTH) {
            throw invalid("is too long");
        }
        JsonNode cursor;
        try {
            cursor = JSON.readTree(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException | IOException notOurs) {
            throw invalid(NOT_OURS);
        }
        if (cursor == null || !cursor.isObject() || cursor.size() != 3 || cursor.path("v").asInt() != VERSION
                || !cursor.path("v").isInt() || !cursor.path("f").isTextual() || !cursor.path("p").isArray()) {
            throw invalid(NOT_OURS);
        }
        if (!cursor.path("f").asText().equals(list)) {
            throw invalid("belongs to another list: keep view, filters and order as they were, or start again without it");
        }
        JsonNode parts = cursor.path("p");
        if (parts.size() != partitions) {
            throw invalid(NOT_OURS);
        }
        List<Position> positions = new ArrayList<>();
        for (JsonNode part : parts) {
            positions.add(position(part));
        }
        if (positions.stream().allMatch(Done.class::isInstance)) {
            throw invalid("is past the end of the list");
        }
        return List.copyOf(positions);
    }

    private static Position position(JsonNode part) {
        if (part.isNull()) {
            return Position.START;
        }
        if (part.isTextual() && part.asText().equals(DONE)) {
            return Position.DONE_READING;
        }
        if (part.isArray() && part.size() == 3 && part.get(0).canConvertToLong() && part.get(0).isIntegralNumber()
                && part.get(0).asLong() >= 0 && part.get(1).isTextual() && PK.matcher(part.get(1).asText()).matches()
                && part.get(2).isTextual() && SK.matcher(part.get(2).asText()).matches()) {
            return new After(part.get(0).asLong(), part.get(1).asText(), part.get(2).asText());
        }
        throw invalid(NOT_OURS);
    }

    /**
     * Names the list a cursor belongs to: the view, filters and order, and the caller for the lists
     * that are the caller's. The page size may change from page to page.
     */
    static String list(TicketListing listing, Caller caller) {
        boolean callers = Set.of(TicketListing.View.MINE, TicketListing.View.OPEN).contains(listing.view());
        String described = String.join("\n", TicketListing.spelling(listing.view()), TicketListing.spelling(listing.order()),
                listing.department().orElse(""), listing.agent().orElse(""), listing.tag().orElse(""),
                listing.search().orElse(""), callers ? caller.email().orElse("") : "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(described.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", missing);
        }
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("cursor " + why);
    }
}
