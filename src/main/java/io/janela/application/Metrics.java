package io.janela.application;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What CloudWatch counts. A function calls one of these once per invocation (a webhook POST, a
 * send, a sweep run, a stream batch), and the adapter writes it as one log line: no call to
 * CloudWatch, nothing to wait for. What is counted is kept to a few low-cardinality names (the
 * function, an outcome, a refusal code), never a contact, a customer or an agent.
 */
public interface Metrics {

    /** A webhook POST: its updates applied, quarantined and left for Meta's redelivery, and whether it answered 5xx. */
    void webhookPost(int applied, int quarantined, int failed, boolean serverError);

    /** One send ({@code POST /messages}): how it ended; a refusal by the guard also counts under its code. */
    void send(SendOutcome outcome, Optional<String> refusalCode);

    /** One sweep run: the tickets it closed (the guard's and scheduled closes) and how late the latest-running of those closes was. */
    void sweep(int closes, Duration lag);

    /**
     * One campaign-driver run: template sends Meta accepted, sends Meta refused, sends that may or may
     * not have arrived (never repeated), recipients skipped at their turn, and held-back templates retried.
     */
    void campaignRun(int sent, int failed, int unknown, int skipped, int retried);

    /** One stream batch of {@code assign}: tickets given to an agent, and tickets that entered a queue and wait there. */
    void assignment(int assigned, int leftWaiting);

    /** How a send ended, as the send function answers it. */
    enum SendOutcome {
        SENT, REFUSED, NOT_AN_AGENT, META_REJECTED, META_UNAVAILABLE, META_UNREACHABLE;

        /** As a metric's dimension shows it: {@code meta_rejected}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
