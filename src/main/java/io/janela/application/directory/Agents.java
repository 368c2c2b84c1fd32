package io.janela.application.directory;

import io.janela.domain.team.Agent;

/** The desk's agents as its use cases meet them: whoever acts in an agent's name must be one. */
public final class Agents {

    private final DirectoryStore directory;

    public Agents(DirectoryStore directory) {
        this.directory = directory;
    }

    /**
     * The agent {@code email} names, as the directory spells them (so records carry one spelling);
     * anyone else is refused with {@link NotAnAgent}.
     */
    public Agent acting(String email) {
        return directory.findAgent(email).orElseThrow(() -> new NotAnAgent(email));
    }
}
