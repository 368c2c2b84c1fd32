package io.janela.functions;

import io.janela.functions.desk.ContactRoutes;
import io.janela.functions.desk.ConversationRoutes;
import io.janela.functions.desk.DirectoryListRoutes;
import io.janela.functions.desk.DirectoryRoutes;
import io.janela.functions.desk.QuarantineRoutes;
import io.janela.functions.desk.TeamRoutes;
import io.janela.functions.desk.TicketEditRoutes;
import io.janela.functions.desk.TicketListRoute;
import io.janela.functions.desk.TicketRoutes;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * What a desk UI reads and changes: the route table, matched on the HTTP API's route key. The
 * handlers are in {@code functions.desk}.
 */
public class DeskFunction {

    @Inject
    JsonResponses responses;
    @Inject
    ContactRoutes contacts;
    @Inject
    TicketRoutes tickets;
    @Inject
    TicketListRoute listing;
    @Inject
    TicketEditRoutes edits;
    @Inject
    TeamRoutes team;
    @Inject
    DirectoryRoutes directory;
    @Inject
    DirectoryListRoutes lists;
    @Inject
    QuarantineRoutes quarantine;
    @Inject
    ConversationRoutes conversations;

    @Funq("desk")
    public HttpApiResponse desk(HttpApiRequest request) {
        return responses.answer("desk", request, this::route);
    }

    private HttpApiResponse route(HttpApiRequest request) {
        String route = request.routeKey() == null ? "" : request.routeKey();
        return switch (route) {
            case "GET /numbers/{phoneNumberId}/contacts/{ref}" -> contacts.contact(request);
            case "PUT /numbers/{phoneNumberId}/contacts/{ref}" -> contacts.putContact(request);
            case "GET /numbers/{phoneNumberId}/contacts/{ref}/messages" -> conversations.contactMessages(request);
            case "GET /tickets" -> listing.list(request);
            case "GET /tickets/{id}" -> tickets.ticket(request);
            case "POST /tickets/{id}/close" -> tickets.close(request);
            case "DELETE /tickets/{id}/scheduled-close" -> tickets.cancelScheduledClose(request);
            case "POST /tickets/{id}/assign" -> edits.assign(request);
            case "POST /tickets/{id}/tags" -> edits.tag(request);
            case "POST /tickets/{id}/notes" -> edits.addNote(request);
            case "GET /tickets/{id}/notes" -> edits.notes(request);
            case "GET /tickets/{id}/messages" -> conversations.ticketMessages(request);
            case "GET /messages/{id}" -> conversations.message(request);
            case "GET /agents" -> lists.agents(request);
            case "PUT /agents/{email}" -> directory.putAgent(request);
            case "PUT /agents/{email}/status" -> team.putStatus(request);
            case "GET /departments" -> team.departments(request);
            case "PUT /departments/{id}" -> team.putDepartment(request);
            case "GET /templates" -> lists.templates(request);
            case "PUT /templates/{name}/{language}" -> directory.putTemplate(request);
            case "PUT /settings" -> directory.putSettings(request);
            case "GET /quarantine" -> quarantine.list(request);
            case "DELETE /quarantine/{id}" -> quarantine.delete(request);
            default -> responses.unmatched(request);
        };
    }
}
