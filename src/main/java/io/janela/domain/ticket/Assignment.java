package io.janela.domain.ticket;

import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import java.util.Optional;

/**
 * Who holds a ticket: an agent, a department's queue, or (for the reply to an active message
 * whose agent was offline) a wait reserved for one agent alone. {@code byHand} says an agent put
 * the ticket where it is (a transfer), which keeps the contact's default agent out of it.
 */
public record Assignment(Optional<String> agent, Optional<String> department, Optional<String> reservedFor,
        boolean byHand) {

    public static final Assignment NONE = new Assignment(Optional.empty(), Optional.empty(), Optional.empty(), false);

    public Assignment(Optional<String> agent, Optional<String> department, Optional<String> reservedFor) {
        this(agent, department, reservedFor, false);
    }

    /** The reply to an active message goes where its send said, ahead of every normal rule. */
    public static Assignment forReply(ReplyRoute route, Optional<Agent> namedAgent) {
        if (route instanceof ReplyRoute.ToAgent toAgent) {
            return namedAgent.filter(Agent::takesWork).isPresent()
                    ? new Assignment(Optional.of(toAgent.target()), Optional.empty(), Optional.empty())
                    : new Assignment(Optional.empty(), Optional.empty(), Optional.of(toAgent.target()));
        }
        if (route instanceof ReplyRoute.ToDepartment toDepartment) {
            return new Assignment(Optional.empty(), Optional.of(toDepartment.target()), Optional.empty());
        }
        throw new IllegalArgumentException("a flow takes the conversation without a ticket");
    }

    /** By hand to an agent: the agent holds it; its department, a reservation and a place in a queue go, as desks expect. */
    public static Assignment byHandToAgent(String agent) {
        return new Assignment(Optional.of(agent), Optional.empty(), Optional.empty(), true);
    }

    /** By hand to a department: it waits in that department's queue, held by nobody and kept for nobody. */
    public static Assignment byHandToDepartment(String department) {
        return new Assignment(Optional.empty(), Optional.of(department), Optional.empty(), true);
    }

    /** The status of a ticket so assigned: OPEN while an agent holds it, WAITING in a queue until one does. */
    public TicketStatus ticketStatus() {
        return agent.isPresent() ? TicketStatus.OPEN : TicketStatus.WAITING;
    }

    /** Nobody holds it, and it is kept for nobody or for {@code agent} (addresses compare ignoring case). */
    public boolean freeFor(String agent) {
        return this.agent.isEmpty() && reservedFor.filter(other -> !other.equalsIgnoreCase(agent)).isEmpty();
    }

    /**
     * The queue a waiting ticket sits in: {@code R#<agent>} when kept for one agent, {@code D#<department>}
     * in its department's queue, {@code NONE} before it has a department.
     */
    public String waitingQueue() {
        if (reservedFor.isPresent()) {
            return reservedQueue(reservedFor.get());
        }
        return department.map(Assignment::departmentQueue).orElse(NO_QUEUE);
    }

    public static final String NO_QUEUE = "NONE";

    public static String reservedQueue(String agent) {
        return "R#" + agent;
    }

    public static String departmentQueue(String department) {
        return "D#" + department;
    }
}
