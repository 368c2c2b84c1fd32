package io.janela.application.assignment;

import io.janela.domain.assignment.Assignee;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The team as one assignment call sees it: departments, agents and loads read once and then kept,
 * so weighing twenty waiting tickets does not read the team twenty times. Loads follow the tickets
 * this call hands out.
 */
final class TeamSnapshot {

    private final TeamStore team;
    private final AssignmentStore tickets;
    private Map<String, Department> departments;
    private Optional<String> defaultDepartment;
    /** Every address asked about; null for one with no agent. */
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, Integer> loads = new HashMap<>();

    TeamSnapshot(TeamStore team, AssignmentStore tickets) {
        this.team = team;
        this.tickets = tickets;
    }

    Optional<Department> department(String id) {
        return Optional.ofNullable(departments().get(id));
    }

    /** The departments {@code email} serves, ordered by id. */
    List<Department> departmentsOf(String email) {
        return departments().values().stream()
                .filter(department -> department.agents().contains(lower(email)))
                .sorted(Comparator.comparing(Department::id))
                .toList();
    }

    /** One Query for all of them: a desk has few departments. */
    private Map<String, Department> departments() {
        if (departments == null) {
            departments = team.departments().stream().collect(Collectors.toMap(Department::id, Function.identity()));
        }
        return departments;
    }

    Optional<String> defaultDepartment() {
        if (defaultDepartment == null) {
            defaultDepartment = team.defaultDepartment();
        }
        return defaultDepartment;
    }

    /** The agents among {@code emails}, with their loads when {@code counted} (only those taking work are counted). */
    Map<String, Assignee> assignees(Collection<String> emails, boolean counted) {
        List<String> unknown = emails.stream().map(TeamSnapshot::lower).filter(email -> !agents.containsKey(email)).toList();
        if (!unknown.isEmpty()) {
            Map<String, Agent> found = team.agents(unknown);
            unknown.forEach(email -> agents.put(email, found.get(email)));
        }
        Map<String, Assignee> assignees = new HashMap<>();
        for (String email : emails) {
            Agent agent = agents.get(lower(email));
            if (agent != null) {
                int load = counted && agent.takesWork() ? load(agent.email()) : 0;
                assignees.put(agent.email(), new Assignee(agent.email(), agent.status(), load));
            }
        }
        return assignees;
    }

    boolean takesWork(String email) {
        return assignees(List.of(email), false).values().stream().anyMatch(agent -> agent.status() == AgentStatus.ONLINE);
    }

    /** Takes work and, in {@code department}, is under its cap. */
    boolean hasRoom(String email, Optional<Department> department) {
        return takesWork(email) && roomIn(email, department) > 0;
    }

    /** How many more tickets {@code email} may take in {@code department}; unbounded without a cap. */
    int roomIn(String email, Optional<Department> department) {
        return department.flatMap(Department::maxConcurrent)
                .map(cap -> Math.max(0, cap - load(lower(email))))
                .orElse(Integer.MAX_VALUE);
    }

    void took(String email) {
        loads.computeIfPresent(lower(email), (agent, load) -> load + 1);
    }

    private int load(String email) {
        return loads.computeIfAbsent(email, tickets::openTicketsOf);
    }

    private static String lower(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
