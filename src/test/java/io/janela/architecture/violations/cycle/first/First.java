package io.janela.architecture.violations.cycle.first;

import io.janela.architecture.violations.cycle.second.Second;

/** Half of a cycle between two use cases, on purpose. */
public final class First {

    public int reach(Second second) {
        return second.size();
    }

    public int size() {
        return 1;
    }
}
