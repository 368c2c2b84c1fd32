package io.janela.functions;

import io.janela.application.LogText;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.desk.DirectoryAdmin;
import io.janela.application.desk.DeskReads;
import io.janela.application.desk.TeamAdmin;
import io.janela.application.desk.ClosingByHand;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.functions.desk.Administrators;
import io.janela.functions.desk.TeamRoutes;
import io.janela.functions.desk.TicketEditRoutes;
import io.janela.functions.desk.TicketListRoute;
import io.janela.functions.desk.ContactPaths;
import io.janela.functions.desk.QuarantineRoutes;
import io.janela.functions.desk.TicketPaths;
import io.janela.domain.template.Template;
import io.janela.functions.http.JsonBody;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.janela.domain.ticket.TicketId;
import io.janela.functions.desk.DeskViews.ContactView;
import io.janela.functions.desk.DeskViews.TicketView;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/** What a desk UI reads and changes. Routes are matched on the HTTP API's route key. */
public class DeskFunction {

    private static final Logger LOG = Logger.getLogger(DeskFunction.class);

    @Inject
    DeskReads reads;
    @Inject
    JsonResponses responses;
    @Inject
    DirectoryAdmin directory;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    ClosingByHand tickets;
    @Inject
    TicketListRoute listing;
    @Inject
    TicketEditRoutes edits;
    @Inject
    TeamRoutes team;
    @Inject
    TicketPaths paths;
    @Inject
    TeamAdmin deskTeam;
    @Inject
    ContactPaths contactPaths;
    @Inject
    QuarantineRoutes quarantine;
    @Inject
    Administrators administrators;

    @Funq("desk")
    public HttpApiResponse desk(HttpApiRequest request) {
        return responses.answer("desk", request, this::route);
    }

    private HttpApiResponse route(HttpApiRequest request) {
        String route = request.routeKey() == null ? "" : request.routeKey();
        return switch (route) {
            case "GET /numbers/{phoneNumberId}/contacts/{ref}" -> contact(request);
            case "PUT /numbers/{phoneNumberId}/contacts/{ref}" -> edits.putContact(request);
            case "GET /tickets" -> listing.list(request);
            case "GET /tickets/{id}" -> ticket(request);
            case "POST /tickets/{id}/close" -> close(request);
            case "DELETE /tickets/{id}/scheduled-close" -> cancelScheduledClose(request);
            case "POST /tickets/{id}/assign" -> edits.assign(request);
            case "POST /tickets/{id}/tags" -> edits.tag(request);
            case "POST /tickets/{id}/notes" -> edits.addNote(request);
            case "GET /tickets/{id}/notes" -> edits.notes(request);
            case "PUT /agents/{email}" -> putAgent(request);
            case "PUT /agents/{email}/status" -> team.putStatus(request);
            case "GET /departments" -> team.departments(request);
            case "PUT /departments/{id}" -> team.putDepartment(request);
            case "PUT /templates/{name}/{language}" -> putTemplate(request);
            case "PUT /settings" -> putSettings(request);
            case "GET /quarantine" -> quarantine.list(request);
            case "DELETE /quarantine/{id}" -> quarantine.delete(request);
            default -> responses.error(404, "no_route", "no desk route " + route);
        };
    }

    private HttpApiResponse contact(HttpApiRequest request) {
        return contactPaths.contact(request)
                .flatMap(reads::contact)
                .map(contact -> responses.ok(ContactView.of(contact, reads.openTicketOf(contact), clock.instant())))
                .orElseGet(() -> contactPaths.unknownContact(request));
    }

    private HttpApiResponse ticket(HttpApiRequest request) {
        return TicketPaths.ticketId(request)
                .flatMap(reads::ticket)
                .map(ticket -> responses.ok(TicketView.of(ticket)))
                .orElseGet(() -> unknownTicket(request));
    }

    private HttpApiResponse close(HttpApiRequest request) {
        return actOnTicket(request, (caller, id) -> {
            JsonBody body = JsonBody.parseOptional(json, request.bodyBytes());
            return tickets.close(new ClosingByHand.CloseCommand(caller, id, body.optionalInstant("at"),
                    body.optionalBoolean("cancelOnReply").orElse(true), body.optionalText("message")));
        });
    }

    private HttpApiResponse cancelScheduledClose(HttpApiRequest request) {
        return actOnTicket(request, tickets::cancelScheduledClose);
    }

    /** An agent's action on the ticket the path names. */
    private HttpApiResponse actOnTicket(HttpApiRequest request, BiFunction<String, TicketId, ClosingByHand.Result> action) {
        return paths.asCaller(request, (caller, id) -> actionAnswer(request, action.apply(caller, id)));
    }

    private HttpApiResponse actionAnswer(HttpApiRequest request, ClosingByHand.Result result) {
        if (result instanceof ClosingByHand.Closed closed) {
            return responses.ok(TicketView.of(reads.reading(closed.ticket())));
        }
        if (result instanceof ClosingByHand.Scheduled scheduled) {
            return responses.of(202, TicketView.of(reads.reading(scheduled.ticket())));
        }
        if (result instanceof ClosingByHand.Cancelled cancelled) {
            return responses.ok(TicketView.of(reads.reading(cancelled.ticket())));
        }
        if (result instanceof ClosingByHand.NotAnAgent notAnAgent) {
            return responses.error(403, "not_an_agent", notAnAgent.email() + " is not an agent of this desk");
        }
        if (result instanceof ClosingByHand.AlreadyClosed) {
            return responses.error(409, "ticket_closed", "ticket " + request.path("id").orElse("") + " is already closed");
        }
        if (result instanceof ClosingByHand.NothingScheduled) {
            return responses.error(404, "no_scheduled_close", "ticket " + request.path("id").orElse("")
                    + " has no scheduled close");
        }
        return unknownTicket(request);
    }

    private HttpApiResponse unknownTicket(HttpApiRequest request) {
        return paths.unknownTicket(request);
    }

    private HttpApiResponse putAgent(HttpApiRequest request) {
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
        // a new agent starts OFFLINE; an existing one keeps the status they set
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

    private HttpApiResponse putTemplate(HttpApiRequest request) {
        return administrators.asAdministrator(request, caller -> putTemplate(request, caller));
    }

    private HttpApiResponse putTemplate(HttpApiRequest request, String caller) {
        JsonBody body = JsonBody.parse(json, request.bodyBytes());
        Template template = directory.putTemplate(new Template(request.path("name").orElse(""),
                request.path("language").orElse(""), body.optionalText("category"), body.integer("parameterCount"),
                body.bool("enabled"), body.optionalText("status")));
        LOG.infof("event=template_saved template=%s language=%s by=%s", LogText.of(template.name()),
                LogText.of(template.language()), LogText.of(caller));
        return responses.ok(new TemplateView(template.name(), template.language(), template.category().orElse(null),
                template.parameterCount(), template.enabled(), template.status().orElse(null), template.sendable()));
    }

    /**
     * The active-message policy and the default department, each optional but one of them needed;
     * both are checked before either is written. {@code "defaultDepartment": null} clears it.
     */
    private HttpApiResponse putSettings(HttpApiRequest request) {
        return administrators.asAdministrator(request, caller -> putSettings(request, caller));
    }

    private HttpApiResponse putSettings(HttpApiRequest request, String caller) {
        JsonBody body = JsonBody.parse(json, request.bodyBytes());
        boolean setsDepartment = body.present("defaultDepartment");
        if (!setsDepartment && !body.has("activeMessages")) {
            throw new IllegalArgumentException("activeMessages or defaultDepartment is required");
        }
        Optional<ActiveMessagePolicy> policy = setsDepartment
                ? body.optionalText("activeMessages").map(DeskFunction::policy)
                : Optional.of(policy(body.text("activeMessages")));
        Optional<String> department = setsDepartment
                ? deskTeam.checkedDefaultDepartment(body.optionalText("defaultDepartment"))
                : Optional.empty();
        policy.ifPresent(directory::putActiveMessagePolicy);
        if (setsDepartment) {
            deskTeam.putDefaultDepartment(department, caller);
        }
        LOG.infof("event=settings_saved active_messages=%s default_department=%s by=%s",
                policy.map(Enum::name).orElse("unchanged"),
                LogText.of(setsDepartment ? department.orElse("none") : "unchanged"), LogText.of(caller));
        return responses.ok(new SettingsView(directory.activeMessagePolicy().name(), deskTeam.defaultDepartment().orElse(null)));
    }

    private static ActiveMessagePolicy policy(String value) {
        try {
            return ActiveMessagePolicy.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("activeMessages must be one of ALLOWED, PERMITTED_AGENTS, BLOCKED");
        }
    }

    @RegisterForReflection
    public record TemplateView(String name, String language, String category, int parameterCount, boolean enabled,
            String status, boolean sendable) {
    }

    @RegisterForReflection
    public record AgentView(String email, String name, String status, boolean canSendActiveMessages) {
        public static AgentView of(Agent agent) {
            return new AgentView(agent.email(), agent.name(), agent.status().name(), agent.canSendActiveMessages());
        }
    }

    @RegisterForReflection
    public record SettingsView(String activeMessages, String defaultDepartment) {
    }
}
