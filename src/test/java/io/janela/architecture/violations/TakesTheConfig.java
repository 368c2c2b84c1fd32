package io.janela.architecture.violations;

/**
 * Breaks the domain's rule on purpose, the way a text search misses: the settings tree named fully
 * qualified, with no import line.
 */
public final class TakesTheConfig {

    public String contactsTable(io.janela.config.JanelaConfig config) {
        return config.tables().contacts();
    }
}
