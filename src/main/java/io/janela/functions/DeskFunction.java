package io.janela.functions;

import io.janela.application.DeskReads;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.TicketId;
import io.janela.functions.desk.DeskViews.ContactView;
import io.janela.functions.desk.DeskViews.TicketView;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** What a desk UI reads and changes. Routes are matched on the HTTP API's route key. */
public class DeskFunction {

    private static final Logger LOG = Logger.getLogger(DeskFunction.class);

    @Inject
    DeskReads reads;
    @Inject
    JsonResponses responses;

    @Funq("desk")
    public HttpApiResponse desk(HttpApiRequest request) {
        try {
            return route(request);
        } catch (IllegalArgumentException invalid) {
            return responses.error(400, "invalid_request", invalid.getMessage());
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "event=desk_failed route=\"%s\"", request.routeKey());
            return responses.error(500, "internal", "the request could not be completed, try again");
        }
    }

    private HttpApiResponse route(HttpApiRequest request) {
        String route = request.routeKey() == null ? "" : request.routeKey();
        return switch (route) {
            case "GET /numbers/{phoneNumberId}/contacts/{waId}" -> contact(request);
            case "GET /tickets/{id}" -> ticket(request);
            default -> responses.error(404, "no_route", "no desk route " + route);
        };
    }

    private HttpApiResponse contact(HttpApiRequest request) {
        ContactKey key = new ContactKey(
                request.path("phoneNumberId").orElse(null), request.path("waId").orElse(null));
        return reads.contact(key)
                .map(contact -> responses.ok(ContactView.of(contact, reads.openTicketOf(contact))))
                .orElseGet(() -> responses.error(404, "unknown_contact", "no contact " + key.masked()));
    }

    private HttpApiResponse ticket(HttpApiRequest request) {
        String id = request.path("id").orElse("");
        TicketId ticketId;
        try {
            ticketId = new TicketId(id);
        } catch (IllegalArgumentException notAnId) {
            return responses.error(404, "unknown_ticket", "no ticket " + id);
        }
        return reads.ticket(ticketId)
                .map(ticket -> responses.ok(TicketView.of(ticket)))
                .orElseGet(() -> responses.error(404, "unknown_ticket", "no ticket " + id));
    }
}
