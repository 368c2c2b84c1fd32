package io.janela.support;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * The application's clock, moved by hand, for the test profiles that enable this alternative
 * ({@code getEnabledAlternatives}): "fifteen minutes later" without waiting fifteen minutes.
 */
@Alternative
public class MutableClockProducer {

    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
