package io.janela.domain.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A pause Meta asked for with a rate-limit error. Each limit hit while the previous pause is
 * recent waits longer, 4^level seconds as Meta advises for the pair rate limit, up to a cap.
 */
public record SendBackoff(int level, Instant until) {

    static final int MAX_LEVEL = 5;
    /** A limit hit this long after the last pause ended starts again from the shortest pause. */
    static final Duration MEMORY = Duration.ofMinutes(10);

    public static SendBackoff after(Optional<SendBackoff> previous, Instant limitHitAt) {
        // Meta redelivers a failed status, and delivers old ones late: a hit no later than the one
        // that started the current pause is already counted in it, so a redelivery grows nothing.
        if (previous.filter(earlier -> !limitHitAt.isAfter(earlier.startedAt())).isPresent()) {
            return previous.get();
        }
        int level = previous
                .filter(earlier -> limitHitAt.isBefore(earlier.until().plus(MEMORY)))
                .map(earlier -> Math.min(earlier.level() + 1, MAX_LEVEL))
                .orElse(1);
        Instant until = limitHitAt.plus(pause(level));
        Instant later = previous.map(SendBackoff::until).filter(until::isBefore).orElse(until);
        return new SendBackoff(level, later);
    }

    static Duration pause(int level) {
        return Duration.ofSeconds((long) Math.pow(4, level));
    }

    /** The limit hit this pause answers. */
    private Instant startedAt() {
        return until.minus(pause(level));
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
