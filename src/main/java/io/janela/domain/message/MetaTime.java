package io.janela.domain.message;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When Meta says something happened. A customer's phone clock can be wrong and a timestamp can be
 * corrupt: an instant later than the receipt plus {@link #ALLOWED_SKEW} counts as the receipt
 * itself, so a message dated next month never holds a window open for a month.
 */
public final class MetaTime {

    /** How far ahead of Janela's clock a timestamp may be and still be believed. */
    public static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);

    private MetaTime() {
    }

    /** Unix seconds as Meta writes them (digits only); empty when it is not an instant at all. */
    public static Optional<Instant> reported(String unixSeconds, Instant receivedAt) {
        if (unixSeconds == null || unixSeconds.isEmpty() || unixSeconds.length() > 19 || !unixSeconds.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long seconds;
        try {
            seconds = Long.parseLong(unixSeconds);
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
        long latest = receivedAt.plus(ALLOWED_SKEW).getEpochSecond();
        return Optional.of(seconds > latest ? receivedAt : Instant.ofEpochSecond(seconds));
    }
}
