package io.janela.functions;

import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import io.janela.functions.send.CampaignRoutes;
import io.janela.functions.send.MediaRoute;
import io.janela.functions.send.MessageRoute;
import io.janela.functions.send.ReadReceiptRoute;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * Guarded sends to customers: one message ({@code POST /messages}) or a campaign; and what else talks
 * to Meta with the desk's token: a read receipt, a customer's media file. Every route needs a caller
 * (401); the handlers are in {@code functions.send}.
 */
public class SendFunction {

    @Inject
    JsonResponses responses;
    @Inject
    MessageRoute messages;
    @Inject
    CampaignRoutes campaigns;
    @Inject
    MediaRoute media;
    @Inject
    ReadReceiptRoute readReceipts;

    @Funq("send")
    public HttpApiResponse send(HttpApiRequest request) {
        return responses.answer("send", request, this::route);
    }

    private HttpApiResponse route(HttpApiRequest request) {
        String route = request.routeKey() == null ? "" : request.routeKey();
        return responses.asCaller(request, caller -> switch (route) {
            case "POST /messages" -> messages.send(request, caller);
            case "POST /campaigns" -> campaigns.create(request, caller);
            case "GET /campaigns/{id}" -> campaigns.campaign(request);
            case "GET /media/{mediaId}" -> media.fetch(request, caller);
            case "POST /tickets/{id}/read" -> readReceipts.markRead(request, caller);
            default -> responses.unmatched(request);
        });
    }
}
