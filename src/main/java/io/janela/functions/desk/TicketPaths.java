package io.janela.functions.desk;

import io.janela.domain.ticket.TicketId;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.HttpRefusal;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.BiFunction;

/** The ticket a desk route's path names ({@code /tickets/{id}/...}), for every route that acts on one. */
@ApplicationScoped
public class TicketPaths {

    @Inject
    JsonResponses responses;

    /** The path's ticket id; empty for what cannot be a ticket id (answered as an unknown ticket). */
    public static Optional<TicketId> ticketId(HttpApiRequest request) {
        try {
            return Optional.of(new TicketId(request.path("id").orElse("")));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** A caller's action on the path's ticket: 401 without a caller, 404 for what is no ticket id. */
    public HttpApiResponse onTicket(HttpApiRequest request, BiFunction<String, TicketId, HttpApiResponse> route) {
        return responses.asCaller(request, caller -> ticketId(request)
                .map(id -> route.apply(caller, id))
                .orElseGet(() -> unknownTicket(request)));
    }

    public HttpApiResponse unknownTicket(HttpApiRequest request) {
        return responses.refused(HttpRefusal.unknownTicket(id(request)));
    }

    /** The path's ticket id as the caller wrote it, for the sentences that name it. */
    static String id(HttpApiRequest request) {
        return request.path("id").orElse("");
    }
}
