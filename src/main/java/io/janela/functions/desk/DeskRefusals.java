package io.janela.functions.desk;

import io.janela.application.desk.ClosingByHand;
import io.janela.application.desk.TicketEditor;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpRefusal;

/**
 * What the desk's use cases refuse, as the client reads it. The sentences name the ticket and the
 * contact as the request's path wrote them.
 */
final class DeskRefusals {

    private DeskRefusals() {
    }

    static HttpRefusal of(HttpApiRequest request, TicketEditor.Result result) {
        if (result instanceof TicketEditor.TicketClosed) {
            return HttpRefusal.ticketClosed(TicketPaths.id(request));
        }
        if (result instanceof TicketEditor.UnknownAgent unknown) {
            return HttpRefusal.unknownAgent(unknown.field(), unknown.email());
        }
        if (result instanceof TicketEditor.UnknownDepartment unknown) {
            return HttpRefusal.unknownDepartment(unknown.id());
        }
        if (result instanceof TicketEditor.TooManyTags tooMany) {
            return HttpRefusal.tooManyTags(tooMany.count());
        }
        if (result instanceof TicketEditor.UnknownContact) {
            return unknownContact(request);
        }
        return HttpRefusal.unknownTicket(TicketPaths.id(request));
    }

    static HttpRefusal of(HttpApiRequest request, ClosingByHand.Result result) {
        if (result instanceof ClosingByHand.AlreadyClosed) {
            return HttpRefusal.alreadyClosed(TicketPaths.id(request));
        }
        if (result instanceof ClosingByHand.NothingScheduled) {
            return HttpRefusal.noScheduledClose(TicketPaths.id(request));
        }
        return HttpRefusal.unknownTicket(TicketPaths.id(request));
    }

    static HttpRefusal unknownContact(HttpApiRequest request) {
        return HttpRefusal.unknownContact(request.path("ref").orElse(""), request.path("phoneNumberId").orElse(""));
    }
}
