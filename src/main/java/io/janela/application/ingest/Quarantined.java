package io.janela.application.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An update Janela can never apply, kept for an administrator instead of refusing the whole POST
 * (Meta would deliver it again for days, and then drop every other update with it).
 * {@code excerpt} is the update's JSON with every string longer than {@link #FIELD_LIMIT}
 * characters cut, and the whole cut at {@link #EXCERPT_LIMIT}; {@code bytes} and {@code sha256}
 * are the original's, so two deliveries of the same update are kept once.
 */
public record Quarantined(String path, String kind, String reason, String excerpt, long bytes, String sha256,
        Instant receivedAt, Optional<String> phoneNumberId) {

    /** Characters kept of each string in the excerpt. */
    public static final int FIELD_LIMIT = 1_000;
    /** Characters kept of the whole excerpt. */
    public static final int EXCERPT_LIMIT = 16_000;
    /** Characters kept of the reason and the path. */
    public static final int REASON_LIMIT = 500;

    public Quarantined {
        path = cut(path, REASON_LIMIT);
        reason = cut(reason, REASON_LIMIT);
        excerpt = cut(excerpt, EXCERPT_LIMIT);
    }

    public static Quarantined of(String path, String kind, String reason, String json, Instant receivedAt,
            Optional<String> phoneNumberId) {
        byte[] original = json.getBytes(StandardCharsets.UTF_8);
        return new Quarantined(path, kind, reason, JsonExcerpt.cut(json, FIELD_LIMIT), original.length, sha256(original),
                receivedAt, phoneNumberId);
    }

    private static String cut(String text, int limit) {
        return text.length() > limit ? text.substring(0, limit) : text;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
