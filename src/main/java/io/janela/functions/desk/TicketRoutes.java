package io.janela.functions.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.desk.ClosingByHand;
import io.janela.application.desk.ClosingByHand.CloseCommand;
import io.janela.application.desk.DeskReads;
import io.janela.domain.ticket.Ticket;
import io.janela.functions.desk.DeskViews.TicketView;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A ticket as the desk reads it ({@code GET /tickets/{id}}), and its close by hand: now or at a
 * time ({@code POST /tickets/{id}/close}), or a scheduled close called off
 * ({@code DELETE /tickets/{id}/scheduled-close}). A close needs a caller (401) who is an agent (403).
 */
@ApplicationScoped
public class TicketRoutes {

    @Inject
    JsonResponses responses;
    @Inject
    ObjectMapper json;
    @Inject
    DeskReads reads;
    @Inject
    ClosingByHand closings;
    @Inject
    TicketPaths paths;

    public HttpApiResponse ticket(HttpApiRequest request) {
        return TicketPaths.ticketId(request)
                .flatMap(reads::ticket)
                .map(ticket -> responses.ok(TicketView.of(ticket)))
                .orElseGet(() -> paths.unknownTicket(request));
    }

    /** An optional body: {@code at} schedules the close (202), {@code cancelOnReply} and {@code message} go with it. */
    public HttpApiResponse close(HttpApiRequest request) {
        return paths.onTicket(request, (caller, id) -> {
            JsonBody body = JsonBody.parseOptional(json, request.bodyBytes());
            return answer(request, closings.close(new CloseCommand(caller, id, body.optionalInstant("at"),
                    body.optionalBoolean("cancelOnReply").orElse(true), body.optionalText("message"))));
        });
    }

    public HttpApiResponse cancelScheduledClose(HttpApiRequest request) {
        return paths.onTicket(request, (caller, id) -> answer(request, closings.cancelScheduledClose(caller, id)));
    }

    private HttpApiResponse answer(HttpApiRequest request, ClosingByHand.Result result) {
        if (result instanceof ClosingByHand.Closed closed) {
            return responses.ok(view(closed.ticket()));
        }
        if (result instanceof ClosingByHand.Scheduled scheduled) {
            return responses.of(202, view(scheduled.ticket()));
        }
        if (result instanceof ClosingByHand.Cancelled cancelled) {
            return responses.ok(view(cancelled.ticket()));
        }
        return responses.refused(DeskRefusals.of(request, result));
    }

    private TicketView view(Ticket ticket) {
        return TicketView.of(reads.reading(ticket));
    }
}
