package io.janela.architecture.violations;

import java.time.Instant;

/** Breaks the domain's rule on purpose: it reads the system clock instead of taking {@code now}. */
public final class ReadsTheSystemClock {

    public boolean isLate(Instant deadline) {
        return Instant.now().isAfter(deadline);
    }
}
