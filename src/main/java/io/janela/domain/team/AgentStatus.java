package io.janela.domain.team;

/** Whether an agent takes work now. Only ONLINE agents are given tickets. */
public enum AgentStatus {
    ONLINE,
    /** Signed in but not taking new tickets (a break, a meeting). */
    AWAY,
    OFFLINE;

    public boolean takesWork() {
        return this == ONLINE;
    }
}
