package io.janela.application;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundContent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The messages Janela sent, kept per contact beside the statuses Meta reports for them. */
public interface OutboundLog {

    /**
     * Stores a message we sent (or tried to). Statuses from the webhook may have arrived first:
     * they are kept, and only the fields they lack are filled in.
     */
    void recordOutbound(OutboundRecord record);

    record OutboundRecord(
            ContactKey contact,
            String messageId,
            Optional<String> wamid,
            OutboundContent content,
            Optional<String> templateCategory,
            boolean activeMessage,
            String sentBy,
            Optional<String> campaign,
            Instant at,
            Optional<MetaError> failure,
            Optional<String> retryOf) {
    }

    /** Schedules the one retry of a template Meta held back (131049); false when it was retried already. */
    boolean scheduleRetry(ContactKey contact, String wamid, Instant retryAt);

    /** An outbound message waiting for its retry. */
    record ScheduledRetry(ContactKey contact, String wamid, Instant retryAt) {
    }

    List<ScheduledRetry> dueRetries(Instant now, int limit);

    /**
     * Takes a due retry off the schedule, so that one driver alone carries it out; the stored
     * template send comes back, empty when another driver took it first.
     */
    Optional<OutboundRecord> claimRetry(ScheduledRetry retry);
}
