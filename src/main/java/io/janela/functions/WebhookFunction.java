package io.janela.functions;

import io.janela.functions.http.ApiDescription;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.webhook.WebhookRoutes;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Meta's webhook: the subscription handshake and signed notifications; the handlers are in {@code functions.webhook}. */
public class WebhookFunction {

    @Inject
    WebhookRoutes routes;

    @Funq("webhook")
    public HttpApiResponse webhook(HttpApiRequest request) {
        try {
            // the query only: Meta adds fields to its notifications, and those must keep arriving
            ApiDescription.bundled().check(request, false);
        } catch (IllegalArgumentException invalid) {
            return HttpApiResponse.text(400, invalid.getMessage());
        }
        return switch (request.method()) {
            case "GET" -> routes.handshake(request);
            case "POST" -> routes.receive(request);
            default -> HttpApiResponse.text(405, "only GET and POST are served here");
        };
    }
}
