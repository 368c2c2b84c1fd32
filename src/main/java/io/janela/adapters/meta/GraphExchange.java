package io.janela.adapters.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.LogText;
import io.janela.application.outbound.MessageSender.Accepted;
import io.janela.application.outbound.MessageSender.Rejected;
import io.janela.application.outbound.MessageSender.SendOutcome;
import io.janela.application.outbound.MessageSender.Unreachable;
import io.janela.application.outbound.MetaCredentials;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.MetaError;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One POST to Meta's {@code /messages} (a message, a read receipt), with the sender's rules for
 * failures. Transient failures are retried with a bounded exponential backoff, but only while Meta
 * cannot have taken the request: the API has no idempotency key, so a request that may have
 * arrived is never sent again. A refused access token (HTTP 401, code 190) is asked of the
 * credentials once more, and the request made once again with a renewed one: a token rotated in
 * the secret takes over at the first refusal.
 */
final class GraphExchange {

    /** Under the sender's name, where the send logs have always been. */
    private static final Logger LOG = Logger.getLogger(GraphApiSender.class);

    private final ObjectMapper json;
    private final MetaCredentials credentials;
    private final int attempts;
    private final RetryBackoff backoff;

    GraphExchange(MetaCredentials credentials, JanelaConfig.Meta meta, ObjectMapper json) {
        this.json = json;
        this.credentials = credentials;
        this.attempts = Math.max(1, meta.sendAttempts());
        this.backoff = new RetryBackoff(meta.retryBackoff(), meta.retryBackoffMax());
    }

    /**
     * One request to Meta, tried again while Meta cannot have taken it, and once more with a renewed
     * token when Meta refused the token. {@code call} makes the request with the Authorization header
     * it is given (null for none); {@code accepted} reads a 2xx answer's body.
     */
    SendOutcome exchange(ContactKey to, String type, Function<String, Response> call,
            BiFunction<Integer, String, SendOutcome> accepted) {
        Optional<String> token = credentials.accessToken();
        boolean renewed = false;
        for (int tries = 1; ; tries++) {
            SendOutcome outcome = post(to, call, token, accepted);
            if (!renewed && tokenRefused(outcome)) {
                renewed = true;
                Optional<String> renewal = credentials.renewedAccessToken(token.orElse(""));
                LOG.infof("event=meta_token_refused to=%s renewed=%b", to.forLog(), renewal.isPresent());
                if (renewal.isPresent()) {
                    token = renewal;
                    outcome = post(to, call, token, accepted);
                }
            }
            if (!worthRetrying(outcome) || tries == attempts || !waitBeforeRetry(tries, to)) {
                logOutcome(outcome, to, type, tries);
                return outcome;
            }
        }
    }

    /** A transient error, or a request that never left: either way Meta did not take the message. */
    private static boolean worthRetrying(SendOutcome outcome) {
        return outcome instanceof Rejected rejected && rejected.transientError()
                || outcome instanceof Unreachable unreachable && !unreachable.mayHaveArrived();
    }

    /** Meta refused the token itself (expired, revoked, replaced), not the message: nothing was taken. */
    private static boolean tokenRefused(SendOutcome outcome) {
        return outcome instanceof Rejected rejected && GraphAnswers.tokenRefused(rejected.httpStatus(), rejected.error());
    }

    private SendOutcome post(ContactKey to, Function<String, Response> call, Optional<String> token,
            BiFunction<Integer, String, SendOutcome> accepted) {
        String authorization = token.map(value -> "Bearer " + value).orElse(null);
        try {
            return answer(call.apply(authorization), to, accepted);
        } catch (WebApplicationException e) {
            // the REST client's default mapper throws for every status >= 400, with Meta's answer inside
            return answer(e.getResponse(), to, accepted);
        } catch (ProcessingException e) {
            return unreachable(e);
        }
    }

    private SendOutcome answer(Response response, ContactKey to, BiFunction<Integer, String, SendOutcome> accepted) {
        int status = response.getStatus();
        String body = GraphAnswers.readBody(response);
        return status >= 200 && status < 300 ? accepted.apply(status, body) : rejected(status, body, to);
    }

    private SendOutcome rejected(int status, String body, ContactKey to) {
        Optional<GraphErrorResponse.GraphError> answered = GraphAnswers.metaError(json, body);
        if (answered.isEmpty()) {
            LOG.warnf("event=meta_error to=%s status=%d code=none", to.forLog(), status);
            MetaError error = GraphAnswers.withoutMetaError(status, body);
            return new Rejected(status, error, GraphAnswers.transientFailure(status, error));
        }
        GraphErrorResponse.GraphError error = answered.get();
        LOG.warnf("event=meta_error to=%s status=%d code=%d subcode=%s error_type=%s fbtrace_id=%s",
                to.forLog(), status, error.code(), error.errorSubcode(), LogText.of(error.type()), LogText.of(error.fbtraceId()));
        MetaError metaError = error.toMetaError();
        return new Rejected(status, metaError, GraphAnswers.transientFailure(status, metaError));
    }

    /**
     * Only a failure to connect proves the request never left; anything later (a read timeout, a
     * reset) may come after Meta has taken the message.
     */
    private static Unreachable unreachable(ProcessingException e) {
        boolean neverSent = false;
        Throwable root = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            neverSent |= cause instanceof ConnectException || cause instanceof UnknownHostException;
            root = cause;
        }
        String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
        return new Unreachable(reason, !neverSent);
    }

    private boolean waitBeforeRetry(int tries, ContactKey to) {
        Duration wait = backoff.before(tries);
        LOG.infof("event=meta_send_retry to=%s try=%d of=%d wait_ms=%d", to.forLog(), tries, attempts, wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            // shutting down: report what Meta last said rather than keep trying
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void logOutcome(SendOutcome outcome, ContactKey to, String type, int tries) {
        if (outcome instanceof Accepted accepted) {
            LOG.infof("event=meta_send_accepted to=%s type=%s wamid=%s tries=%d",
                    to.forLog(), type, LogText.of(accepted.wamid()), tries);
        } else if (outcome instanceof Rejected rejected) {
            LOG.warnf("event=meta_send_rejected to=%s type=%s status=%d code=%d transient=%b tries=%d",
                    to.forLog(), type, rejected.httpStatus(), rejected.error().code(), rejected.transientError(), tries);
        } else if (outcome instanceof Unreachable unreachable) {
            LOG.warnf("event=meta_send_unreachable to=%s type=%s may_have_arrived=%b tries=%d reason=\"%s\"",
                    to.forLog(), type, unreachable.mayHaveArrived(), tries, LogText.of(unreachable.reason()));
        }
    }
}
