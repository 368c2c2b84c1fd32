package io.janela.functions.desk;

import io.janela.config.JanelaConfig;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.HttpRefusal;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The desk's administration routes (the team, templates, settings, the webhook's quarantine) are
 * for administrators: callers whose token carries the group {@code janela.roles.admin-group} in
 * the claim {@code janela.roles.admin-claim}. The identity provider says who they are (a Cognito
 * group, say); locally, the {@code X-Janela-Groups} header.
 */
@ApplicationScoped
public class Administrators {

    private static final Logger LOG = Logger.getLogger(Administrators.class);

    @Inject
    JsonResponses responses;
    @Inject
    JanelaConfig config;

    /** Runs {@code route} for an administrator; anyone else is answered 403 and nothing changes. */
    public HttpApiResponse asAdministrator(HttpApiRequest request, Function<String, HttpApiResponse> route) {
        return responses.asCaller(request, caller -> isAdministrator(request) ? route.apply(caller) : refused(request, caller));
    }

    public boolean isAdministrator(HttpApiRequest request) {
        return request.callerClaim(config.roles().adminClaim()).contains(config.roles().adminGroup());
    }

    /** 403 {@code not_an_administrator}; the refusal is logged with who tried, for the audit. */
    public HttpApiResponse refused(HttpApiRequest request, String caller) {
        LOG.warnf("event=desk_refused reason=not_an_administrator route=\"%s\" by=%s", request.routeKey(), caller);
        return responses.refused(HttpRefusal.notAnAdministrator(request.routeKey(), config.roles().adminClaim(),
                config.roles().adminGroup()));
    }
}
