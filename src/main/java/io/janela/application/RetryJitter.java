package io.janela.application;

import java.security.SecureRandom;

/**
 * How long a writer that lost a race waits before trying again: random, so two writers do not meet
 * again. Drawn from {@link SecureRandom} (the operating system's generator), not ThreadLocalRandom:
 * with SnapStart every environment resumes from one snapshot, and a seed taken before it would make
 * all of them wait in step.
 */
public final class RetryJitter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RetryJitter() {
    }

    /** A wait from 1 to {@code bound - 1} milliseconds. */
    public static long millisBelow(long bound) {
        return 1 + RANDOM.nextLong(bound - 1);
    }
}
