package io.janela.functions.webhook;

import io.janela.application.LogText;
import io.janela.application.Metrics;
import io.janela.application.ingest.WebhookBatch;
import io.janela.application.ingest.WebhookIngest;
import io.janela.application.ingest.WebhookUpdate;
import io.janela.application.outbound.MetaCredentials;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/** What Meta's webhook is asked: the subscription handshake and signed notifications, answered in plain text. */
@ApplicationScoped
public class WebhookRoutes {

    private static final Logger LOG = Logger.getLogger(WebhookRoutes.class);

    @Inject
    MetaCredentials credentials;
    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;
    @Inject
    Clock clock;
    @Inject
    Metrics metrics;

    /** {@code GET}: Meta's subscription handshake, answered with its challenge when the verify token matches. */
    public HttpApiResponse handshake(HttpApiRequest request) {
        Optional<String> token = credentials.verifyToken();
        boolean subscribing = request.query("hub.mode").filter("subscribe"::equals).isPresent();
        boolean tokenMatches = token.isPresent() && request.query("hub.verify_token")
                .filter(given -> MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8)))
                .isPresent();
        if (subscribing && tokenMatches && request.query("hub.challenge").isPresent()) {
            LOG.info("event=webhook_verified");
            return HttpApiResponse.text(200, request.query("hub.challenge").get());
        }
        LOG.warn("event=webhook_verification_refused");
        return HttpApiResponse.text(403, "verification refused");
    }

    /**
     * {@code POST}: a signed notification, applied; anything but a 200 makes Meta deliver it again,
     * so only what is stored is acknowledged.
     */
    public HttpApiResponse receive(HttpApiRequest request) {
        Optional<String> appSecret = credentials.appSecret();
        if (appSecret.isEmpty()) {
            // a 500 makes Meta deliver again, so nothing is lost while the secret is being filled in
            LOG.error("event=webhook_refused reason=no_app_secret_configured");
            metrics.webhookPost(0, 0, 0, true);
            return HttpApiResponse.text(500, "the Meta app secret is not configured (appSecret in the secret "
                    + "janela.meta.secret-id names, or janela.meta.app-secret)");
        }
        byte[] body = request.bodyBytes();
        if (!new WebhookSignature(appSecret.get())
                .matches(body, request.header("x-hub-signature-256").orElse(null))) {
            LOG.warn("event=webhook_refused reason=bad_signature");
            return HttpApiResponse.text(401, "missing or wrong X-Hub-Signature-256");
        }
        WebhookBatch batch;
        try {
            batch = parser.parse(body, clock.instant());
        } catch (MalformedWebhookException malformed) {
            LOG.warnf("event=webhook_refused reason=malformed detail=\"%s\"", LogText.of(malformed.getMessage()));
            return HttpApiResponse.text(400, malformed.getMessage());
        }
        WebhookIngest.Report report;
        try {
            report = ingest.apply(batch);
        } catch (RuntimeException failure) {
            // Anything but 200 makes Meta deliver again; every step is safe to repeat.
            LOG.errorf(failure, "event=webhook_failed updates=%d", batch.size());
            if (failure instanceof WebhookIngest.StorageUnavailable unavailable) {
                metrics.webhookPost(unavailable.done().applied(), unavailable.done().quarantined(), unavailable.failed(), true);
            } else {
                metrics.webhookPost(0, 0, batch.size(), true);
            }
            return HttpApiResponse.text(503, "not stored, deliver again");
        }
        metrics.webhookPost(report.applied(), report.quarantined(), 0, false);
        LOG.infof("event=webhook_applied messages=%d statuses=%d templates=%d preferences=%d id_changes=%d"
                        + " applied=%d quarantined=%d ignored=%d",
                batch.count(WebhookUpdate.Message.class), batch.count(WebhookUpdate.Status.class),
                batch.count(WebhookUpdate.TemplateReview.class), batch.count(WebhookUpdate.Preference.class),
                batch.count(WebhookUpdate.IdsChanged.class), report.applied(), report.quarantined(), report.ignored());
        return HttpApiResponse.text(200, "ok");
    }
}
