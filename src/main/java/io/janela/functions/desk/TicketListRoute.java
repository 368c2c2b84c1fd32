package io.janela.functions.desk;

import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** PLACEHOLDER: being built (issue 5). */
@ApplicationScoped
public class TicketListRoute {

    @Inject
    JsonResponses responses;

    public HttpApiResponse list(HttpApiRequest request) {
        return responses.error(501, "not_built", "list is being built");
    }
}
