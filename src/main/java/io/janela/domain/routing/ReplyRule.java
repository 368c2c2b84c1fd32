package io.janela.domain.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Set by a template send that names where the reply goes. It lives 24 hours from the send, a
 * newer send to the same contact replaces it, and while it lives it beats every normal rule.
 */
public record ReplyRule(ReplyRoute route, Instant sentAt, String sentBy) {

    public static final Duration LIFETIME = Duration.ofHours(24);

    public ReplyRule {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    public Instant expiresAt() {
        return sentAt.plus(LIFETIME);
    }

    /** Whether a customer message sent at {@code at} answers this send while the rule still lives. */
    public boolean routes(Instant at) {
        return !at.isBefore(sentAt) && at.isBefore(expiresAt());
    }

    public boolean replaces(ReplyRule older) {
        return older == null || !sentAt.isBefore(older.sentAt);
    }
}
