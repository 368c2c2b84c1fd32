package io.janela.functions.desk;

import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** PLACEHOLDER: being built (issue 5). */
@ApplicationScoped
public class TicketEditRoutes {

    @Inject
    JsonResponses responses;

    public HttpApiResponse putContact(HttpApiRequest request) {
        return responses.error(501, "not_built", "putContact is being built");
    }

    public HttpApiResponse assign(HttpApiRequest request) {
        return responses.error(501, "not_built", "assign is being built");
    }

    public HttpApiResponse tag(HttpApiRequest request) {
        return responses.error(501, "not_built", "tag is being built");
    }

    public HttpApiResponse addNote(HttpApiRequest request) {
        return responses.error(501, "not_built", "addNote is being built");
    }

    public HttpApiResponse notes(HttpApiRequest request) {
        return responses.error(501, "not_built", "notes is being built");
    }
}
