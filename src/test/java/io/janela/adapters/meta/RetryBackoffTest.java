package io.janela.adapters.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private static List<Long> firstWaitsInMillis(RetryBackoff backoff, int retries) {
        return IntStream.rangeClosed(1, retries).mapToObj(retry -> backoff.before(retry).toMillis()).toList();
    }

    @Test
    void eachRetryWaitsTwiceAsLongUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));

        assertEquals(List.of(200L, 400L, 800L, 1600L, 2000L, 2000L), firstWaitsInMillis(backoff, 6));
    }

    @Test
    void aFirstWaitAboveTheCapIsCut() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(2));

        assertEquals(List.of(2000L, 2000L), firstWaitsInMillis(backoff, 2));
    }

    @Test
    void aLongRunOfRetriesStaysAtTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(1), Duration.ofSeconds(2));

        assertEquals(Duration.ofSeconds(2), backoff.before(10_000));
    }
}
