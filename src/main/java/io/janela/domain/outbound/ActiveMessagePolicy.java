package io.janela.domain.outbound;

/** Whether the desk sends active messages (templates that reopen a closed window) at all, and who may. */
public enum ActiveMessagePolicy {
    ALLOWED,
    /** Only agents holding the "send active messages" permission. */
    PERMITTED_AGENTS,
    BLOCKED;

    public static final ActiveMessagePolicy DEFAULT = PERMITTED_AGENTS;
}
