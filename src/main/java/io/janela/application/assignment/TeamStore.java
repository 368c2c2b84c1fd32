package io.janela.application.assignment;

import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The team as assignment sees it: departments, agents' status, the round-robin counters. */
public interface TeamStore {

    /** Creates or replaces the department, recording who saved it. */
    void putDepartment(Department department, String by, Instant at);

    Optional<Department> findDepartment(String id);

    /** Every department, ordered by id: one read, a desk has few. */
    List<Department> departments();

    /** The departments {@code agentEmail} belongs to. */
    default List<Department> departmentsOf(String agentEmail) {
        return departments().stream().filter(department -> department.agents().contains(agentEmail)).toList();
    }

    /**
     * Sets an agent's status; answers the status they had before, or empty when there is no such
     * agent (and then nothing is written).
     */
    Optional<AgentStatus> setAgentStatus(String email, AgentStatus status, String by, Instant at);

    /** The agents found among {@code emails}, by lower-cased e-mail. */
    Map<String, Agent> agents(Collection<String> emails);

    /** The department's round-robin counter, advanced atomically: every caller gets its own value, 0 first. */
    long nextTurn(String departmentId);

    /** The department a ticket with no route goes to; empty until the desk sets one. */
    Optional<String> defaultDepartment();

    /** Sets or (empty) clears the default department, recording who did it. */
    void putDefaultDepartment(Optional<String> departmentId, String by, Instant at);
}
