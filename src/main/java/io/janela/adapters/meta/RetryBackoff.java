package io.janela.adapters.meta;

import java.time.Duration;

/** Waits between tries that start at {@code first} and double, never beyond {@code max}. */
record RetryBackoff(Duration first, Duration max) {

    /** The wait before retry number {@code retry}, counting the first retry as 1. */
    Duration before(int retry) {
        Duration wait = first;
        for (int doubled = 1; doubled < retry && wait.compareTo(max) < 0; doubled++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
