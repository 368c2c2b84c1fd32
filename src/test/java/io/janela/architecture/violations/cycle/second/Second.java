package io.janela.architecture.violations.cycle.second;

import io.janela.architecture.violations.cycle.first.First;

/** The other half of the cycle: it reaches back into the first use case. */
public final class Second {

    public int reach(First first) {
        return first.size();
    }

    public int size() {
        return 2;
    }
}
