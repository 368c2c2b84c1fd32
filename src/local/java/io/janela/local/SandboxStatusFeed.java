package io.janela.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.message.MetaError;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The statuses of sandbox sends: each one a notification in Meta's shape, fed through the
 * webhook as Meta would ({@link SandboxWebhook}), retried a few times when not taken.
 */
final class SandboxStatusFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SandboxStatusFeed.class);
    /** Meta retries anything but a 200; a sandbox gives up sooner, after this many tries. */
    private static final int DELIVERY_ATTEMPTS = 4;

    private final SandboxWebhook webhook;
    private final Duration delay;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "meta-sandbox-statuses");
        thread.setDaemon(true);
        return thread;
    });

    SandboxStatusFeed(Function<HttpApiRequest, HttpApiResponse> webhook, String appSecret, Duration delay, Clock clock) {
        this.webhook = new SandboxWebhook(webhook, appSecret);
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
            answer = webhook.post(body).statusCode();
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
        return SandboxWebhook.notification(send.phoneNumberId(), value -> {
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
        });
    }

    private static void errors(ObjectNode status, MetaError error) {
        ObjectNode node = status.putArray("errors").addObject();
        node.put("code", error.code());
        node.put("title", error.title());
        node.put("message", error.message());
        node.putObject("error_data").put("details", error.details());
    }
}
