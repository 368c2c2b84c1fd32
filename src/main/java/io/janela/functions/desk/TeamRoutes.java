package io.janela.functions.desk;

import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** PLACEHOLDER: being built (issue 5). */
@ApplicationScoped
public class TeamRoutes {

    @Inject
    JsonResponses responses;

    public HttpApiResponse putStatus(HttpApiRequest request) {
        return responses.error(501, "not_built", "putStatus is being built");
    }

    public HttpApiResponse departments(HttpApiRequest request) {
        return responses.error(501, "not_built", "departments is being built");
    }

    public HttpApiResponse putDepartment(HttpApiRequest request) {
        return responses.error(501, "not_built", "putDepartment is being built");
    }
}
