package io.janela.domain.desk;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a customer has waited for an answer, as the desk colours it: since the first customer
 * message no agent has answered yet. Reactions and internal notes do not stop the clock.
 */
public enum ResponseBand {
    GREEN,
    BLUE,
    ORANGE,
    RED;

    public static ResponseBand of(Duration waited) {
        if (waited.compareTo(Duration.ofMinutes(15)) < 0) {
            return GREEN;
        }
        if (waited.compareTo(Duration.ofMinutes(30)) < 0) {
            return BLUE;
        }
        if (waited.compareTo(Duration.ofMinutes(60)) < 0) {
            return ORANGE;
        }
        return RED;
    }

    /** A wait measured from {@code since} to {@code now}; a clock behind the message counts as no wait. */
    public static Duration waited(Instant since, Instant now) {
        Duration waited = Duration.between(since, now);
        return waited.isNegative() ? Duration.ZERO : waited;
    }
}
