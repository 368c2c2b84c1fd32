package io.janela.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.functions.webhook.WebhookSignature;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.message.MetaError;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Meta's side of the webhook for sandbox sends: each status as a notification in Meta's shape,
 * signed with the app secret and handed to the webhook function as API Gateway hands it Meta's
 * POSTs, so the statuses take the same path as real ones, signature check included.
 */
final class SandboxStatusFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SandboxStatusFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WABA_ID = "100000000000000";
    private static final String DISPLAY_PHONE_NUMBER = "15550000000";
    /** Meta retries anything but a 200; a sandbox gives up sooner, after this many tries. */
    private static final int DELIVERY_ATTEMPTS = 4;

    private final Function<HttpApiRequest, HttpApiResponse> webhook;
    private final WebhookSignature signature;
    private final Duration delay;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "meta-sandbox-statuses");
        thread.setDaemon(true);
        return thread;
    });

    SandboxStatusFeed(Function<HttpApiRequest, HttpApiResponse> webhook, String appSecret, Duration delay, Clock clock) {
        this.webhook = webhook;
        this.signature = new WebhookSignature(appSecret);
        this.delay = delay;
        this.clock = clock;
    }

    /** Schedules the statuses of an accepted send: sent, then delivered and read, or failed. */
    void follow(SandboxSend send, String wamid) {
        List<String> statuses = send.magicFailure().isPresent() ? List.of("sent", "failed") : List.of("sent", "delivered", "read");
        for (int i = 0; i < statuses.size(); i++) {
            String status = statuses.get(i);
            later(delay.multipliedBy(i + 1L), () -> deliver(notification(send, wamid, status), wamid, status, 1));
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void deliver(byte[] body, String wamid, String status, int attempt) {
        int answer;
        try {
            answer = webhook.apply(request(body)).statusCode();
        } catch (RuntimeException failure) {
            LOG.debugf(failure, "event=sandbox_status_failed wamid=%s status=%s", wamid, status);
            answer = 500;
        }
        if (answer == 200) {
            LOG.debugf("event=sandbox_status_delivered wamid=%s status=%s attempt=%d", wamid, status, attempt);
        } else if (attempt < DELIVERY_ATTEMPTS) {
            Duration backoff = delay.multipliedBy(1L << (attempt - 1));
            later(backoff, () -> deliver(body, wamid, status, attempt + 1));
        } else {
            LOG.warnf("event=sandbox_status_undelivered wamid=%s status=%s http_status=%d attempts=%d",
                    wamid, status, answer, attempt);
        }
    }

    private void later(Duration wait, Runnable task) {
        try {
            scheduler.schedule(task, wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // local mode is shutting down: nothing is left to receive the status
        }
    }

    private byte[] notification(SandboxSend send, String wamid, String status) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", WABA_ID);
        ObjectNode change = entry.putArray("changes").addObject();
        change.put("field", "messages");
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata")
                .put("display_phone_number", DISPLAY_PHONE_NUMBER)
                .put("phone_number_id", send.phoneNumberId());
        ObjectNode node = value.putArray("statuses").addObject();
        node.put("id", wamid);
        node.put("status", status);
        node.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        // Meta names the recipient as the send did: by phone, or by BSUID alone when the phone is not shared
        node.put(send.recipient() instanceof CustomerId.WaId ? "recipient_id" : "recipient_user_id", send.recipient().value());
        send.callbackData().ifPresent(data -> node.put("biz_opaque_callback_data", data));
        if (status.equals("failed")) {
            send.magicFailure().ifPresent(error -> errors(node, error));
        } else if (send.template()) {
            node.putObject("pricing")
                    .put("billable", true)
                    .put("pricing_model", "PMP")
                    .put("type", "regular")
                    .put("category", "utility");
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void errors(ObjectNode status, MetaError error) {
        ObjectNode node = status.putArray("errors").addObject();
        node.put("code", error.code());
        node.put("title", error.title());
        node.put("message", error.message());
        node.putObject("error_data").put("details", error.details());
    }

    private HttpApiRequest request(byte[] body) {
        return new HttpApiRequest(
                "2.0",
                "POST /webhook",
                "/webhook",
                "",
                Map.of("content-type", "application/json",
                        "user-agent", "facebookexternalua",
                        "x-hub-signature-256", signature.sign(body)),
                Map.of(),
                Map.of(),
                new HttpApiRequest.RequestContext(UUID.randomUUID().toString(),
                        new HttpApiRequest.Http("POST", "/webhook"), null),
                new String(body, StandardCharsets.UTF_8),
                false);
    }
}
