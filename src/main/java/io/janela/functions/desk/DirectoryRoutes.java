package io.janela.functions.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.LogText;
import io.janela.application.desk.DirectoryAdmin;
import io.janela.application.desk.TeamAdmin;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The directory as the desk's administrators set it: the agents ({@code PUT /agents/{email}}), the
 * templates ({@code PUT /templates/{name}/{language}}) and the settings ({@code PUT /settings}).
 */
@ApplicationScoped
public class DirectoryRoutes {

    private static final Logger LOG = Logger.getLogger(DirectoryRoutes.class);

    @Inject
    JsonResponses responses;
    @Inject
    ObjectMapper json;
    @Inject
    DirectoryAdmin directory;
    @Inject
    TeamAdmin team;
    @Inject
    Administrators administrators;

    @RegisterForReflection
    public record AgentView(String email, String name, String status, boolean canSendActiveMessages) {
        public static AgentView of(Agent agent) {
            return new AgentView(agent.email(), agent.name(), agent.status().name(), agent.canSendActiveMessages());
        }
    }

    @RegisterForReflection
    public record TemplateView(String name, String language, String category, int parameterCount, boolean enabled,
            String status, boolean sendable) {
        static TemplateView of(Template template) {
            return new TemplateView(template.name(), template.language(), template.category().orElse(null),
                    template.parameterCount(), template.enabled(), template.status().orElse(null), template.sendable());
        }
    }

    @RegisterForReflection
    public record SettingsView(String activeMessages, String defaultDepartment) {
    }

    /** Name and permission; a new agent starts OFFLINE, an existing one keeps the status they set. */
    public HttpApiResponse putAgent(HttpApiRequest request) {
        return administrators.asAdministrator(request, caller -> putAgent(request, caller));
    }

    private HttpApiResponse putAgent(HttpApiRequest request, String caller) {
        JsonBody body = JsonBody.parse(json, request.bodyBytes());
        if (body.has("departments")) {
            throw new IllegalArgumentException("departments: an agent's departments are set on each department (PUT /departments/{id})");
        }
        if (body.has("online") || body.has("status")) {
            throw new IllegalArgumentException("status: an agent's status has its own route (PUT /agents/{email}/status)");
        }
        String email;
        try {
            email = Agent.checkedEmail(request.path("email").orElse(""));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("email: " + bad.getMessage());
        }
        Agent agent = directory.putAgent(new Agent(email, body.text("name"),
                AgentStatus.OFFLINE, body.optionalBoolean("canSendActiveMessages").orElse(false)));
        LOG.infof("event=agent_saved agent=%s by=%s", LogText.of(agent.email()), LogText.of(caller));
        return responses.ok(AgentView.of(agent));
    }

    public HttpApiResponse putTemplate(HttpApiRequest request) {
        return administrators.asAdministrator(request, caller -> putTemplate(request, caller));
    }

    private HttpApiResponse putTemplate(HttpApiRequest request, String caller) {
        JsonBody body = JsonBody.parse(json, request.bodyBytes());
        Template template = directory.putTemplate(new Template(request.path("name").orElse(""),
                request.path("language").orElse(""), body.optionalText("category"), body.integer("parameterCount"),
                body.bool("enabled"), body.optionalText("status")));
        LOG.infof("event=template_saved template=%s language=%s by=%s", LogText.of(template.name()),
                LogText.of(template.language()), LogText.of(caller));
        return responses.ok(TemplateView.of(template));
    }

    /**
     * The active-message policy and the default department, each optional but one of them needed;
     * both are checked before either is written. {@code "defaultDepartment": null} clears it.
     */
    public HttpApiResponse putSettings(HttpApiRequest request) {
        return administrators.asAdministrator(request, caller -> putSettings(request, caller));
    }

    private HttpApiResponse putSettings(HttpApiRequest request, String caller) {
        JsonBody body = JsonBody.parse(json, request.bodyBytes());
        boolean setsDepartment = body.present("defaultDepartment");
        if (!setsDepartment && !body.has("activeMessages")) {
            throw new IllegalArgumentException("activeMessages or defaultDepartment is required");
        }
        Optional<ActiveMessagePolicy> policy = setsDepartment
                ? body.optionalEnum("activeMessages", ActiveMessagePolicy.class)
                : Optional.of(body.enumValue("activeMessages", ActiveMessagePolicy.class));
        Optional<String> department = setsDepartment
                ? team.checkedDefaultDepartment(body.optionalText("defaultDepartment"))
                : Optional.empty();
        policy.ifPresent(directory::putActiveMessagePolicy);
        if (setsDepartment) {
            team.putDefaultDepartment(department, caller);
        }
        LOG.infof("event=settings_saved active_messages=%s default_department=%s by=%s",
                policy.map(Enum::name).orElse("unchanged"),
                LogText.of(setsDepartment ? department.orElse("none") : "unchanged"), LogText.of(caller));
        return responses.ok(new SettingsView(directory.activeMessagePolicy().name(), team.defaultDepartment().orElse(null)));
    }
}
