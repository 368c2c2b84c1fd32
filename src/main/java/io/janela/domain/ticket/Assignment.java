package io.janela.domain.ticket;

import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import java.util.Optional;

/**
 * Who holds a ticket: an agent, a department's queue, or (for the reply to an active message
 * whose agent was offline) a wait reserved for one agent alone.
 */
public record Assignment(Optional<String> agent, Optional<String> department, Optional<String> reservedFor) {

    public static final Assignment NONE = new Assignment(Optional.empty(), Optional.empty(), Optional.empty());

    /** The reply to an active message goes where its send said, ahead of every normal rule. */
    public static Assignment forReply(ReplyRoute route, Optional<Agent> namedAgent) {
        if (route instanceof ReplyRoute.ToAgent toAgent) {
            return namedAgent.filter(Agent::online).isPresent()
                    ? new Assignment(Optional.of(toAgent.target()), Optional.empty(), Optional.empty())
                    : new Assignment(Optional.empty(), Optional.empty(), Optional.of(toAgent.target()));
        }
        if (route instanceof ReplyRoute.ToDepartment toDepartment) {
            return new Assignment(Optional.empty(), Optional.of(toDepartment.target()), Optional.empty());
        }
        throw new IllegalArgumentException("a flow takes the conversation without a ticket");
    }

    public TicketStatus initialStatus() {
        return agent.isPresent() ? TicketStatus.OPEN : TicketStatus.WAITING;
    }
}
