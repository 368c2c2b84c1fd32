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
        return switch (request.method()) {
            case "GET" -> checkedHandshake(request);
            case "POST" -> routes.receive(request);
            default -> HttpApiResponse.text(405, "only GET and POST are served here");
        };
    }

    /**
     * The handshake's query, checked against infra/openapi.yaml first: a parameter Meta does not send
     * or an over-long one is a 400. Meta's notifications are left as Meta shapes them (Meta adds
     * fields), and their path never reads the description.
     */
    private HttpApiResponse checkedHandshake(HttpApiRequest request) {
        try {
            ApiDescription.bundled().check(request, false);
        } catch (IllegalArgumentException invalid) {
            return HttpApiResponse.text(400, invalid.getMessage());
        }
        return routes.handshake(request);
    }
}
