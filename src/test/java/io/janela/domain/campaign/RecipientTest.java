package io.janela.domain.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.MetaError;
import io.janela.domain.message.StatusUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A campaign recipient's life, from its row in the audience to what Meta last said of its message. */
class RecipientTest {

    private static final ContactKey ANA = new ContactKey("106540352242922", "k0a1b2c3d4e5f60718293a4b5");
    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final MetaError UNDELIVERABLE = new MetaError(131026, "Message undeliverable", null, null);
    private static final MetaError SPAM_RATE = new MetaError(131048, "Spam rate limit hit", null, null);

    private static Recipient pending() {
        return Recipient.of(new Audience.Row(1, Audience.Named.phone("+55 11 98765-4321"), List.of("Ana"), Optional.empty()));
    }

    private static StatusUpdate status(DeliveryStatus status, MetaError... errors) {
        return new StatusUpdate(ANA, "wamid.A", status, T0, List.of(errors), Optional.empty(), Optional.empty(),
                Optional.of("janela:campaign:c1:1"));
    }

    @Test
    void aRowOfTheAudienceStartsPendingOrSkippedForTheAudiencesReason() {
        assertEquals(RecipientOutcome.PENDING, pending().outcome());
        assertEquals("pending", pending().countName());

        Recipient duplicate = Recipient.of(new Audience.Row(2, Audience.Named.phone("+55 11 98765-4321"), List.of("Ana"),
                Optional.of(SkipReason.DUPLICATE)));
        assertEquals(RecipientOutcome.SKIPPED, duplicate.outcome());
        assertEquals("skipped.duplicate", duplicate.countName());
    }

    @Test
    void aRowIsClaimedBeforeItsSendAndStillCountsAsPending() {
        Recipient claimed = pending().claimed();

        assertEquals(RecipientOutcome.SENDING, claimed.outcome());
        assertEquals("pending", claimed.countName());
    }

    @Test
    void aSkippedRowSaysWhy() {
        Recipient skipped = pending().skipped(SkipReason.BLOCKED);

        assertEquals(RecipientOutcome.SKIPPED, skipped.outcome());
        assertEquals(Optional.of(SkipReason.BLOCKED), skipped.skipReason());
        assertEquals("skipped.blocked", skipped.countName());
    }

    @Test
    void aSentRowKeepsTheWamidMetaGaveIt() {
        Recipient sent = pending().claimed().sent("wamid.A");

        assertEquals(RecipientOutcome.SENT, sent.outcome());
        assertEquals(Optional.of("wamid.A"), sent.wamid());
        assertEquals("sent", sent.countName());
    }

    @Test
    void aFailedRowCountsUnderMetasCode() {
        Recipient failed = pending().claimed().failed(UNDELIVERABLE);

        assertEquals(Optional.of(UNDELIVERABLE), failed.error());
        assertEquals("failed.131026", failed.countName());
    }

    @Test
    void aClaimWhoseAnswerWasLostIsUnknownAndNeverSentAgain() {
        Recipient lost = pending().claimed().lost();

        assertEquals(RecipientOutcome.UNKNOWN, lost.outcome());
        assertEquals("unknown", lost.countName());
        assertThrows(IllegalStateException.class, lost::claimed);
    }

    @Test
    void onlyAPendingRowIsClaimedOrSkipped() {
        Recipient sent = pending().claimed().sent("wamid.A");

        assertThrows(IllegalStateException.class, sent::claimed);
        assertThrows(IllegalStateException.class, () -> sent.skipped(SkipReason.BLOCKED));
        assertThrows(IllegalStateException.class, () -> pending().claimed().claimed(), "a claim is made once");
    }

    @Test
    void onlyAClaimedRowIsSentFailedOrLost() {
        assertThrows(IllegalStateException.class, () -> pending().sent("wamid.A"));
        assertThrows(IllegalStateException.class, () -> pending().failed(UNDELIVERABLE));
        assertThrows(IllegalStateException.class, () -> pending().lost());
    }

    @Test
    void aDeliveryStatusMovesARowForwardButNeverBack() {
        Recipient delivered = pending().claimed().sent("wamid.A").advancedBy(status(DeliveryStatus.DELIVERED)).orElseThrow();

        assertEquals(RecipientOutcome.DELIVERED, delivered.outcome());
        assertEquals(Optional.empty(), delivered.advancedBy(status(DeliveryStatus.SENT)));
        assertEquals(Optional.empty(), delivered.advancedBy(status(DeliveryStatus.DELIVERED)));
        assertEquals(RecipientOutcome.READ, delivered.advancedBy(status(DeliveryStatus.READ)).orElseThrow().outcome());
    }

    @Test
    void aStatusTellsWhatBecameOfALostSend() {
        Recipient delivered = pending().claimed().lost().advancedBy(status(DeliveryStatus.DELIVERED)).orElseThrow();

        assertEquals(RecipientOutcome.DELIVERED, delivered.outcome());
        assertEquals(Optional.of("wamid.A"), delivered.wamid(), "the status names the message the lost answer would have");
    }

    @Test
    void aFailedStatusRecordsMetasFirstError() {
        Recipient failed = pending().claimed().sent("wamid.A")
                .advancedBy(status(DeliveryStatus.FAILED, UNDELIVERABLE, SPAM_RATE)).orElseThrow();

        assertEquals(RecipientOutcome.FAILED, failed.outcome());
        assertEquals(Optional.of(UNDELIVERABLE), failed.error());
        assertEquals("failed.131026", failed.countName());
    }

    @Test
    void aFailedRowIsFinal() {
        Recipient failed = pending().claimed().failed(UNDELIVERABLE);

        assertEquals(Optional.empty(), failed.advancedBy(status(DeliveryStatus.DELIVERED)));
        assertEquals(Optional.empty(), failed.advancedBy(status(DeliveryStatus.FAILED, SPAM_RATE)));
    }

    @Test
    void aPendingRowTakesNoDeliveryStatus() {
        assertEquals(Optional.empty(), pending().advancedBy(status(DeliveryStatus.DELIVERED)));
    }
}
