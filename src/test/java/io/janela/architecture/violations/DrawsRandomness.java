package io.janela.architecture.violations;

import java.util.concurrent.ThreadLocalRandom;

/** Breaks the domain's rule on purpose: it draws its own randomness instead of being handed it. */
public final class DrawsRandomness {

    public int pick(int agents) {
        return ThreadLocalRandom.current().nextInt(agents);
    }
}
