package io.janela.application.desk;

import io.janela.application.assignment.AssignmentTrigger;
import io.janela.application.assignment.TeamStore;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The team as the desk's administrators and agents change it: an agent's status, the departments
 * and the default department. An agent who comes online is announced to assignment, which gives
 * them what waits for them.
 */
@ApplicationScoped
public class TeamAdmin {

    private final TeamStore team;
    private final AssignmentTrigger assignment;
    private final Clock clock;

    public TeamAdmin(TeamStore team, AssignmentTrigger assignment, Clock clock) {
        this.team = team;
        this.assignment = assignment;
        this.clock = clock;
    }

    /** An agent's status as it was changed, and who changed it. */
    public record StatusChange(String agent, AgentStatus status, AgentStatus previous, String by, Instant at) {
        public boolean cameOnline() {
            return status == AgentStatus.ONLINE && previous != AgentStatus.ONLINE;
        }
    }

    /** Empty when there is no such agent (and nothing is written). */
    public Optional<StatusChange> setStatus(String email, AgentStatus status, String by) {
        String agent = Agent.checkedEmail(email);
        Instant at = clock.instant();
        Optional<StatusChange> change = team.setAgentStatus(agent, status, by, at)
                .map(previous -> new StatusChange(agent, status, previous, by, at));
        change.filter(StatusChange::cameOnline).ifPresent(online -> assignment.agentOnline(online.agent()));
        return change;
    }

    public List<Department> departments() {
        return team.departments();
    }

    /** Creates or replaces a department; every agent it names must be on the team. */
    public Department putDepartment(Department department, String by) {
        Map<String, Agent> known = team.agents(department.agents());
        List<String> unknown = department.agents().stream().filter(agent -> !known.containsKey(agent)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("agents: no agent " + String.join(", ", unknown)
                    + " on the team; register them first (PUT /agents/{email})");
        }
        team.putDepartment(department, by, clock.instant());
        return department;
    }

    public Optional<String> defaultDepartment() {
        return team.defaultDepartment();
    }

    /** The department exists, or a 400 that names the setting. */
    public Optional<String> checkedDefaultDepartment(Optional<String> department) {
        department.ifPresent(id -> {
            if (team.findDepartment(id).isEmpty()) {
                throw new IllegalArgumentException("defaultDepartment: no department " + id + " (PUT /departments/{id} first)");
            }
        });
        return department;
    }

    /** Sets (or, empty, clears) where tickets with no route go; check it first with {@link #checkedDefaultDepartment}. */
    public void putDefaultDepartment(Optional<String> department, String by) {
        team.putDefaultDepartment(department, by, clock.instant());
    }
}
