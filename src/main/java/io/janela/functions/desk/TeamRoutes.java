package io.janela.functions.desk;

import io.janela.application.LogText;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.desk.TeamAdmin;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.HttpRefusal;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The team's routes: an agent's status, the departments. */
@ApplicationScoped
public class TeamRoutes {

    private static final Logger LOG = Logger.getLogger(TeamRoutes.class);

    @Inject
    JsonResponses responses;
    @Inject
    ObjectMapper json;
    @Inject
    TeamAdmin team;
    @Inject
    Administrators administrators;

    @RegisterForReflection
    public record StatusView(String email, String status, String previousStatus, String statusBy, Instant statusAt) {
        static StatusView of(TeamAdmin.StatusChange change) {
            return new StatusView(change.agent(), change.status().name(), change.previous().name(), change.by(), change.at());
        }
    }

    @RegisterForReflection
    public record DepartmentView(String id, String name, String strategy, List<String> agents, String specificAgent,
            Integer maxConcurrent) {
        static DepartmentView of(Department department) {
            return new DepartmentView(department.id(), department.name(), department.strategy().name(), department.agents(),
                    department.specificAgent().orElse(null), department.maxConcurrent().orElse(null));
        }
    }

    @RegisterForReflection
    public record DepartmentsView(List<DepartmentView> departments) {
    }

    /**
     * {@code PUT /agents/{email}/status}: ONLINE, AWAY or OFFLINE; coming ONLINE picks up what waits.
     * Agents set their own; another agent's is an administrator's to set.
     */
    public HttpApiResponse putStatus(HttpApiRequest request) {
        return responses.asCaller(request, caller -> {
            String email = request.path("email").orElse("");
            if (!caller.equalsIgnoreCase(email) && !administrators.isAdministrator(request)) {
                return administrators.refused(request, caller);
            }
            AgentStatus status = JsonBody.parse(json, request.bodyBytes()).enumValue("status", AgentStatus.class);
            return team.setStatus(email, status, caller)
                    .map(change -> {
                        LOG.infof("event=agent_status agent=%s status=%s previous=%s by=%s", LogText.of(change.agent()),
                                change.status(), change.previous(), LogText.of(caller));
                        return responses.ok(StatusView.of(change));
                    })
                    .orElseGet(() -> responses.refused(HttpRefusal.noSuchAgent(email)));
        });
    }

    /** {@code GET /departments}: every department, by id. */
    public HttpApiResponse departments(HttpApiRequest request) {
        return responses.ok(new DepartmentsView(team.departments().stream().map(DepartmentView::of).toList()));
    }

    /** {@code PUT /departments/{id}}: name, strategy, agents, and specificAgent / maxConcurrent where they apply. */
    public HttpApiResponse putDepartment(HttpApiRequest request) {
        return administrators.asAdministrator(request, caller -> {
            JsonBody body = JsonBody.parse(json, request.bodyBytes());
            Department department = team.putDepartment(new Department(
                    checkedId(request.path("id").orElse("")),
                    body.text("name"),
                    body.enumValue("strategy", Department.Strategy.class),
                    agents(body),
                    body.optionalText("specificAgent").map(agent -> checkedEmail("specificAgent", agent)),
                    body.has("maxConcurrent") ? Optional.of(body.integer("maxConcurrent")) : Optional.empty()), caller);
            LOG.infof("event=department_saved department=%s strategy=%s agents=%d by=%s", LogText.of(department.id()),
                    department.strategy(), department.agents().size(), LogText.of(caller));
            return responses.ok(DepartmentView.of(department));
        });
    }

    private static String checkedId(String id) {
        try {
            return Department.checkedId(id);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("id: a " + bad.getMessage());
        }
    }

    /** Each listed agent an e-mail address, named by its place when it is not. */
    private static List<String> agents(JsonBody body) {
        List<String> agents = body.optionalTexts("agents");
        for (int i = 0; i < agents.size(); i++) {
            checkedEmail("agents[" + i + "]", agents.get(i));
        }
        return agents;
    }

    private static String checkedEmail(String field, String email) {
        try {
            return Agent.checkedEmail(email);
        } catch (IllegalArgumentException notAnEmail) {
            throw new IllegalArgumentException(field + ": " + notAnEmail.getMessage());
        }
    }
}
