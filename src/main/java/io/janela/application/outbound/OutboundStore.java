package io.janela.application.outbound;

import io.janela.application.outbound.MessageSender.Accepted;
import io.janela.application.outbound.MessageSender.Rejected;
import io.janela.application.outbound.MessageSender.SendOutcome;
import io.janela.application.outbound.MessageSender.Unreachable;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.MessageId;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundContent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The messages Janela sent, kept per contact beside the statuses Meta reports for them. */
public interface OutboundStore {

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

        /** One send as Meta answered it: accepted under its wamid, or failed with Meta's error. */
        public static OutboundRecord of(SendOutcome outcome, ContactKey contact, OutboundContent content,
                Optional<String> templateCategory, boolean activeMessage, String sentBy, Optional<String> campaign,
                Instant at, Optional<String> retryOf) {
            Optional<String> wamid = outcome instanceof Accepted accepted ? Optional.of(accepted.wamid()) : Optional.empty();
            return new OutboundRecord(contact, newMessageId(contact, at), wamid, content, templateCategory, activeMessage, sentBy,
                    campaign, at, wamid.isPresent() ? Optional.empty() : Optional.of(failureOf(outcome)), retryOf);
        }
    }

    /** The error stored for a send Meta refused or never answered. */
    static MetaError failureOf(SendOutcome outcome) {
        if (outcome instanceof Rejected rejected) {
            return rejected.error();
        }
        Unreachable unreachable = (Unreachable) outcome;
        return new MetaError(0, "Meta did not answer", unreachable.reason(), unreachable.mayHaveArrived()
                ? "the request timed out after it was sent: the message may have reached the customer"
                : "the request never reached Meta: nothing was sent");
    }

    /**
     * Janela's own id of a message, known before Meta answers (a refused send never gets a wamid):
     * it names the contact and the time Janela accepted the send, which must be the record's {@code at}.
     */
    static String newMessageId(ContactKey contact, Instant acceptedAt) {
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return MessageId.of(contact, acceptedAt, random).value();
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
