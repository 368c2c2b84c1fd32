package io.janela.domain.assignment;

import io.janela.domain.team.AgentStatus;

/** An agent as assignment weighs them: whether they take work, and how much they hold. */
public record Assignee(String email, AgentStatus status, int openTickets) {
}
