package io.janela.domain.assignment;

import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Department;
import io.janela.domain.team.Department.Strategy;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who gets a waiting ticket. In order: a live reply route of an active message; then the
 * contact's default agent, when the ticket goes to a department that agent belongs to (not for a
 * last-agent department, not after a transfer by hand); then the department's strategy. Only
 * agents who take work, and are under the department's cap, are given a ticket; otherwise it
 * waits in its queue.
 */
public final class AssignmentRules {

    private AssignmentRules() {
    }

    /** Why a ticket went to an agent, or why it waits. */
    public enum Reason {
        REPLY_ROUTE,
        DEFAULT_AGENT,
        STRATEGY,
        /** The reply route names an agent who is not taking work: the ticket is kept for them. */
        RESERVED,
        NO_DEPARTMENT,
        NOBODY_AVAILABLE
    }

    public sealed interface Decision {
        Reason reason();
    }

    public record ToAgent(String email, Reason reason) implements Decision {
    }

    public record Wait(Reason reason) implements Decision {
    }

    /**
     * @param replyRoute the live reply route of an active message, if the ticket answers one
     * @param department the ticket's department, if it has one
     * @param defaultAgent the contact's default agent
     * @param lastAgent the agent who last served the contact
     * @param transferredByHand an agent moved the ticket to this department
     */
    public record Ticket(Optional<ReplyRoute> replyRoute, Optional<String> department, Optional<String> defaultAgent,
            Optional<String> lastAgent, boolean transferredByHand) {
    }

    public static Decision decide(Ticket ticket, Optional<Department> department, Map<String, Assignee> team, Turns turns) {
        if (ticket.replyRoute().filter(ReplyRoute.ToAgent.class::isInstance).isPresent()) {
            String named = ticket.replyRoute().get().target(); // an agent's address, lower-cased by the route
            return takesWork(team.get(named)) ? new ToAgent(named, Reason.REPLY_ROUTE) : new Wait(Reason.RESERVED);
        }
        if (department.isEmpty()) {
            return new Wait(Reason.NO_DEPARTMENT);
        }
        Department queue = department.get();
        List<Assignee> available = queue.agents().stream()
                .map(team::get)
                .filter(agent -> takesWork(agent) && underCap(agent, queue))
                .sorted(Comparator.comparing(Assignee::email))
                .toList();
        Optional<Assignee> byDefault = ticket.defaultAgent()
                .filter(agent -> !ticket.transferredByHand() && queue.strategy() != Strategy.LAST_AGENT)
                .flatMap(email -> available.stream().filter(agent -> agent.email().equalsIgnoreCase(email)).findFirst());
        if (byDefault.isPresent()) {
            return new ToAgent(byDefault.get().email(), Reason.DEFAULT_AGENT);
        }
        return byStrategy(ticket, queue, available, turns)
                .<Decision>map(agent -> new ToAgent(agent.email(), Reason.STRATEGY))
                .orElseGet(() -> new Wait(Reason.NOBODY_AVAILABLE));
    }

    private static Optional<Assignee> byStrategy(Ticket ticket, Department queue, List<Assignee> available, Turns turns) {
        if (available.isEmpty()) {
            return Optional.empty();
        }
        return switch (queue.strategy()) {
            case SPECIFIC -> available.stream().filter(agent -> queue.specificAgent().get().equals(agent.email())).findFirst();
            case RANDOM -> Optional.of(available.get(turns.random(available.size())));
            case SEQUENTIAL -> Optional.of(available.get((int) Math.floorMod(turns.nextTurn(queue.id()), (long) available.size())));
            case LAST_AGENT -> ticket.lastAgent()
                    .flatMap(email -> available.stream().filter(agent -> agent.email().equalsIgnoreCase(email)).findFirst());
            case LEAST_BUSY -> available.stream()
                    .min(Comparator.comparingInt(Assignee::openTickets).thenComparing(Assignee::email));
        };
    }

    private static boolean takesWork(Assignee agent) {
        return agent != null && agent.status().takesWork();
    }

    private static boolean underCap(Assignee agent, Department queue) {
        return queue.maxConcurrent().map(cap -> agent.openTickets() < cap).orElse(true);
    }
}
