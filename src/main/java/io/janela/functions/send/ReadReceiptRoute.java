package io.janela.functions.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.outbound.ReadReceipts;
import io.janela.application.outbound.ReadReceipts.Marked;
import io.janela.application.outbound.ReadReceipts.NotMarked;
import io.janela.application.outbound.ReadReceipts.ReceiptResult;
import io.janela.application.outbound.ReadReceipts.Refused;
import io.janela.application.outbound.ReadReceipts.TicketClosed;
import io.janela.application.outbound.ReadReceipts.UnknownTicket;
import io.janela.domain.ticket.TicketId;
import io.janela.functions.desk.TicketPaths;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.HttpRefusal;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import io.janela.functions.send.SendViews.ReadView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code POST /tickets/{id}/read}: marks the customer's newest message on the ticket read at Meta,
 * with {@code {"typing": true}} also showing them that an agent is typing.
 */
@ApplicationScoped
public class ReadReceiptRoute {

    @Inject
    ReadReceipts receipts;
    @Inject
    JsonResponses responses;
    @Inject
    ObjectMapper json;

    public HttpApiResponse markRead(HttpApiRequest request, String caller) {
        boolean typing = JsonBody.parseOptional(json, request.bodyBytes()).optionalBoolean("typing").orElse(false);
        String id = request.path("id").orElse("");
        ReceiptResult result = TicketPaths.ticketId(request)
                .map(ticket -> receipts.markRead(caller, ticket, typing))
                .orElseGet(UnknownTicket::new);
        if (result instanceof Marked marked) {
            return responses.ok(new ReadView(marked.ticket().value(), marked.wamid(), marked.typing()));
        }
        if (result instanceof NotMarked notMarked) {
            return NotTaken.answer(responses, "the read receipt", null, notMarked.outcome());
        }
        return responses.refused(refusal(id, result));
    }

    private static HttpRefusal refusal(String id, ReceiptResult result) {
        if (result instanceof UnknownTicket) {
            return HttpRefusal.unknownTicket(id);
        }
        if (result instanceof TicketClosed) {
            return HttpRefusal.ticketClosed(id);
        }
        if (result instanceof Refused refused) {
            return HttpRefusal.of(refused.refusal());
        }
        return HttpRefusal.noCustomerMessage(id);
    }
}
