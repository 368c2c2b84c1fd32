package io.janela.application.outbound;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.support.TestContacts;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.contacts.ContactStore.ContactRecord;
import io.janela.application.outbound.OutboundStore.OutboundRecord;
import io.janela.application.outbound.OutboundStore.ScheduledRetry;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.SendBackoff;
import io.janela.domain.window.WindowState;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads;
import io.janela.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the webhook does with the errors on a {@code failed} status, one Meta code at a time
 * (meta-cloud-api.md, "Error codes and what to do"), read back through the stores.
 */
class MetaFailuresTest {

    private static final Instant FAILED_AT = Instant.parse("2026-11-21T09:00:00Z");
    private static final Instant NOW = FAILED_AT.plusSeconds(5);
    private static final Duration LEAD = Duration.ofMinutes(30);
    private static final String ANA = "5511987654321";
    private static final String BRUNO = "5521912345678";
    private static final ContactKey ANA_KEY = TestContacts.key(ANA);
    private static final ContactKey BRUNO_KEY = TestContacts.key(BRUNO);
    private static final String AGENT = "carla@loja.com.br";

    /** Meta's error-codes reference: the title each code comes with, and its details. */
    private record Failure(int code, String title, String details) {
    }

    private static final Failure RE_ENGAGEMENT = new Failure(131047, "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");
    private static final Failure HELD_BACK = new Failure(131049,
            "This message was not delivered to maintain healthy ecosystem engagement.",
            "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.");
    private static final Failure MARKETING_STOPPED = new Failure(131050, "User has stopped marketing messages",
            "Unable to deliver the marketing message because the user has stopped marketing messages from this business.");
    private static final Failure UNDELIVERABLE = new Failure(131026, "Message undeliverable",
            "Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.");
    private static final Failure PAIR_RATE = new Failure(131056, "(Business Account, Consumer Account) pair rate limit hit",
            "Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.");
    private static final Failure THROUGHPUT = new Failure(130429, "Rate limit hit",
            "Cloud API message throughput has been reached.");
    private static final Failure UNSUPPORTED_TYPE = new Failure(131051, "Unsupported message type",
            "Message type unknown is not currently supported.");

    private final List<IngestHarness> opened = new ArrayList<>();
    /** Janela's clock: a failure is received a few seconds after Meta dates it, unless a test moves on. */
    private final MutableClock clock = new MutableClock(NOW);

    private IngestHarness harness() {
        IngestHarness harness = new IngestHarness(clock);
        opened.add(harness);
        return harness;
    }

    @AfterEach
    void closeClients() {
        opened.forEach(IngestHarness::close);
    }

    /**
     * The OUT item the send path stores when Meta accepts a message to {@code to}, before any status
     * arrives; a send to a customer who never wrote makes them a contact first, as the send path does.
     */
    private static void sent(IngestHarness desk, String to, String wamid, OutboundContent content, Instant at,
            Optional<String> retryOf) {
        desk.outbound.recordOutbound(new OutboundRecord(desk.contactFor(to), "m-" + wamid, Optional.of(wamid), content,
                content instanceof OutboundContent.Template ? Optional.of("MARKETING") : Optional.empty(),
                content instanceof OutboundContent.Template, AGENT, Optional.empty(), at, Optional.empty(), retryOf));
    }

    private static void sentTemplate(IngestHarness desk, String to, String wamid, Instant at) {
        sent(desk, to, wamid, promotion(), at, Optional.empty());
    }

    private static OutboundContent.Template promotion() {
        return new OutboundContent.Template("black_friday", "pt_BR", List.of("Ana"));
    }

    private static MetaPayloads failed(String to, String wamid, Instant at, Failure failure) {
        return notification().failed(to, wamid, at, failure.code(), failure.title(), failure.details());
    }

    private static ContactRecord contact(IngestHarness desk, ContactKey key) {
        return desk.contacts.findContact(key).orElseThrow();
    }

    private static Map<String, AttributeValue> outboundItem(IngestHarness desk, ContactKey key, String wamid) {
        return desk.dynamo.getItem(request -> request.tableName(desk.tables.contacts()).key(Map.of(
                "pk", AttributeValue.fromS("C#" + key.id()),
                "sk", AttributeValue.fromS("OUT#" + wamid)))).item();
    }

    private static List<String> withoutOutboundItems(List<String> snapshot) {
        return snapshot.stream().filter(item -> !item.contains("sk=AttributeValue(S=OUT#")).toList();
    }

    // 131047: the window is closed, whatever our own clock says

    @Test
    void aReEngagementFailureClosesAWindowOurClockStillThinksOpen() {
        IngestHarness desk = harness();
        desk.deliver(notification().text(ANA, "Ana", "wamid.IN1", FAILED_AT.minus(Duration.ofHours(1)), "Oi"));
        assertEquals(WindowState.OPEN, contact(desk, ANA_KEY).window().stateAt(NOW, LEAD));
        sent(desk, ANA, "wamid.OUT1", new OutboundContent.Text("Seu pedido saiu"), FAILED_AT.minusSeconds(2),
                Optional.empty());

        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, RE_ENGAGEMENT));

        ContactRecord ana = contact(desk, ANA_KEY);
        assertEquals(WindowState.EXPIRED, ana.window().stateAt(NOW, LEAD));
        assertEquals(Optional.of(FAILED_AT), ana.window().closedByMeta());
        assertEquals(Optional.of(FAILED_AT.minus(Duration.ofHours(1))), ana.window().lastInboundAt());
    }

    @Test
    void aCustomerMessageSentBeforeTheReEngagementFailureDoesNotReopenTheWindow() {
        IngestHarness desk = harness();
        desk.deliver(notification().text(ANA, "Ana", "wamid.IN1", FAILED_AT.minus(Duration.ofHours(1)), "Oi"));
        sent(desk, ANA, "wamid.OUT1", new OutboundContent.Text("Seu pedido saiu"), FAILED_AT.minusSeconds(2),
                Optional.empty());
        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, RE_ENGAGEMENT));

        desk.deliver(notification().text(ANA, "Ana", "wamid.IN2", FAILED_AT.minus(Duration.ofMinutes(30)), "Alô?"));

        ContactRecord ana = contact(desk, ANA_KEY);
        assertEquals(Optional.of(FAILED_AT.minus(Duration.ofMinutes(30))), ana.window().lastInboundAt(),
                "the late message is Meta's fact and moves our clock");
        assertEquals(WindowState.EXPIRED, ana.window().stateAt(NOW, LEAD), "but Meta refused after it was sent");
    }

    @Test
    void aCustomerMessageSentAfterTheReEngagementFailureOpensTheWindowAgain() {
        IngestHarness desk = harness();
        desk.deliver(notification().text(ANA, "Ana", "wamid.IN1", FAILED_AT.minus(Duration.ofHours(1)), "Oi"));
        sent(desk, ANA, "wamid.OUT1", new OutboundContent.Text("Seu pedido saiu"), FAILED_AT.minusSeconds(2),
                Optional.empty());
        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, RE_ENGAGEMENT));

        desk.deliver(notification().text(ANA, "Ana", "wamid.IN2", FAILED_AT.plusSeconds(1), "Estou aqui"));

        ContactRecord ana = contact(desk, ANA_KEY);
        assertEquals(WindowState.OPEN, ana.window().stateAt(NOW, LEAD));
        assertEquals(Optional.of(FAILED_AT.plusSeconds(1).plus(Duration.ofHours(24))), ana.window().closesAt());
    }

    // 131049: one retry, a day later, never more

    @Test
    void aHeldBackTemplateIsRetriedOnceNoSoonerThanADayLater() {
        IngestHarness desk = harness();
        sentTemplate(desk, ANA, "wamid.OUT1", FAILED_AT.minusSeconds(3));

        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, HELD_BACK));

        assertEquals(List.of(), desk.outbound.dueRetries(FAILED_AT.plus(Duration.ofHours(24)).minusSeconds(60), 10),
                "not due at 23h59m");
        assertEquals(List.of(new ScheduledRetry(ANA_KEY, "wamid.OUT1", FAILED_AT.plus(Duration.ofHours(24)))),
                desk.outbound.dueRetries(FAILED_AT.plus(Duration.ofHours(24)), 10));
        assertEquals("failed", outboundItem(desk, ANA_KEY, "wamid.OUT1").get("status").s());
    }

    @Test
    void aRedeliveredHeldBackFailureSchedulesNoSecondRetry() {
        IngestHarness desk = harness();
        sentTemplate(desk, ANA, "wamid.OUT1", FAILED_AT.minusSeconds(3));
        MetaPayloads failure = failed(ANA, "wamid.OUT1", FAILED_AT, HELD_BACK);
        desk.deliver(failure);

        desk.deliver(failure);
        assertEquals(List.of(new ScheduledRetry(ANA_KEY, "wamid.OUT1", FAILED_AT.plus(Duration.ofHours(24)))),
                desk.outbound.dueRetries(FAILED_AT.plus(Duration.ofDays(7)), 10));

        ScheduledRetry due = desk.outbound.dueRetries(FAILED_AT.plus(Duration.ofHours(24)), 10).get(0);
        assertTrue(desk.outbound.claimRetry(due).isPresent());
        desk.deliver(failure);
        assertEquals(List.of(), desk.outbound.dueRetries(FAILED_AT.plus(Duration.ofDays(7)), 10),
                "a redelivery after the driver took the retry schedules none either");
    }

    @Test
    void aRetryThatMetaHoldsBackAgainIsNotRetried() {
        IngestHarness desk = harness();
        sentTemplate(desk, ANA, "wamid.OUT1", FAILED_AT.minusSeconds(3));
        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, HELD_BACK));
        Instant retriedAt = FAILED_AT.plus(Duration.ofHours(24));
        OutboundRecord original = desk.outbound.claimRetry(desk.outbound.dueRetries(retriedAt, 10).get(0)).orElseThrow();
        assertEquals(promotion(), original.content());

        sent(desk, ANA, "wamid.OUT2", original.content(), retriedAt, Optional.of("wamid.OUT1"));
        clock.set(retriedAt.plusSeconds(5));
        desk.deliver(failed(ANA, "wamid.OUT2", retriedAt.plusSeconds(2), HELD_BACK));

        assertEquals(List.of(), desk.outbound.dueRetries(retriedAt.plus(Duration.ofDays(7)), 10));
        assertEquals("failed", outboundItem(desk, ANA_KEY, "wamid.OUT2").get("status").s());
    }

    // 131050: the customer stopped marketing messages

    @Test
    void aMarketingOptOutFailureStopsBroadcastsToTheContact() {
        IngestHarness desk = harness();
        sentTemplate(desk, ANA, "wamid.OUT1", FAILED_AT.minusSeconds(3));

        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, MARKETING_STOPPED));

        assertTrue(contact(desk, ANA_KEY).profile().broadcastOptOut());
    }

    @Test
    void onlyAResumeNewerThanTheOptOutFailureUndoesIt() {
        IngestHarness desk = harness();
        sentTemplate(desk, ANA, "wamid.OUT1", FAILED_AT.minusSeconds(3));
        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, MARKETING_STOPPED));

        desk.deliver(notification().marketingPreference(ANA, "resume", FAILED_AT.minus(Duration.ofHours(1))));
        assertTrue(contact(desk, ANA_KEY).profile().broadcastOptOut(), "a resume from before the failure arrived late");

        clock.set(FAILED_AT.plus(Duration.ofHours(1)));
        desk.deliver(notification().marketingPreference(ANA, "resume", FAILED_AT.plus(Duration.ofHours(1))));
        assertFalse(contact(desk, ANA_KEY).profile().broadcastOptOut());
    }

    // 131026: not on WhatsApp, old app

    @Test
    void anUndeliverableFailureFlagsTheContact() {
        IngestHarness desk = harness();
        sentTemplate(desk, ANA, "wamid.OUT1", FAILED_AT.minusSeconds(3));
        sentTemplate(desk, BRUNO, "wamid.OUT2", FAILED_AT.minusSeconds(3));

        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, UNDELIVERABLE));

        assertTrue(contact(desk, ANA_KEY).profile().undeliverable());
        assertFalse(desk.contacts.findContact(BRUNO_KEY).map(bruno -> bruno.profile().undeliverable()).orElse(false));
    }

    // 131056 and 130429: rate limits pause the sender, longer each time

    @Test
    void aPairRateLimitPausesSendsToThatContactFourSecondsThenSixteen() {
        IngestHarness desk = harness();
        sentTemplate(desk, ANA, "wamid.OUT1", FAILED_AT.minusSeconds(1));
        sentTemplate(desk, ANA, "wamid.OUT2", FAILED_AT.plusSeconds(1));

        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, PAIR_RATE));
        assertEquals(Optional.of(FAILED_AT.plusSeconds(4)), contact(desk, ANA_KEY).profile().sendBackoffUntil());

        desk.deliver(failed(ANA, "wamid.OUT2", FAILED_AT.plusSeconds(2), PAIR_RATE));
        assertEquals(Optional.of(FAILED_AT.plusSeconds(2 + 16)), contact(desk, ANA_KEY).profile().sendBackoffUntil());

        assertEquals(Optional.empty(), desk.directory.senderBackoff(PHONE_NUMBER_ID), "the business number is not paused");
        assertEquals(Optional.empty(), desk.contacts.findContact(BRUNO_KEY), "nor any other contact");
    }

    @Test
    void aRedeliveredPairRateFailureDoesNotLengthenThePause() {
        IngestHarness desk = harness();
        sentTemplate(desk, ANA, "wamid.OUT1", FAILED_AT.minusSeconds(1));
        MetaPayloads failure = failed(ANA, "wamid.OUT1", FAILED_AT, PAIR_RATE);
        desk.deliver(failure);

        desk.deliver(failure);

        assertEquals(Optional.of(FAILED_AT.plusSeconds(4)), contact(desk, ANA_KEY).profile().sendBackoffUntil());
    }

    @Test
    void aThroughputLimitPausesTheBusinessNumberFourSecondsThenSixteen() {
        IngestHarness desk = harness();
        sentTemplate(desk, ANA, "wamid.OUT1", FAILED_AT.minusSeconds(1));
        sentTemplate(desk, BRUNO, "wamid.OUT2", FAILED_AT.minusSeconds(1));

        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, THROUGHPUT));
        assertEquals(Optional.of(new SendBackoff(1, FAILED_AT.plusSeconds(4))), desk.directory.senderBackoff(PHONE_NUMBER_ID));

        desk.deliver(failed(BRUNO, "wamid.OUT2", FAILED_AT.plusSeconds(2), THROUGHPUT));
        assertEquals(Optional.of(new SendBackoff(2, FAILED_AT.plusSeconds(2 + 16))),
                desk.directory.senderBackoff(PHONE_NUMBER_ID));

        assertEquals(Optional.empty(), desk.contacts.findContact(ANA_KEY).flatMap(ana -> ana.profile().sendBackoffUntil()),
                "no contact is paused");
        assertEquals(Optional.empty(), desk.directory.senderBackoff("106540352242999"), "nor another business number");
    }

    // everything else: the status is recorded, nothing is acted on

    @Test
    void aFailureWithoutAnActionChangesNothingButTheMessageStatus() {
        IngestHarness desk = harness();
        desk.deliver(notification().text(ANA, "Ana", "wamid.IN1", FAILED_AT.minus(Duration.ofHours(1)), "Oi"));
        sentTemplate(desk, ANA, "wamid.OUT1", FAILED_AT.minusSeconds(3));
        List<String> contactsBefore = desk.contactsState();
        List<String> directoryBefore = desk.directoryState();

        desk.deliver(failed(ANA, "wamid.OUT1", FAILED_AT, UNSUPPORTED_TYPE));

        assertEquals(directoryBefore, desk.directoryState());
        assertEquals(withoutOutboundItems(contactsBefore), withoutOutboundItems(desk.contactsState()));
        assertNotEquals(contactsBefore, desk.contactsState(), "the message's own status did change");
        Map<String, AttributeValue> message = outboundItem(desk, ANA_KEY, "wamid.OUT1");
        assertEquals("failed", message.get("status").s());
        assertEquals("131051", message.get("errors").l().get(0).m().get("code").n());
        assertEquals(List.of(), desk.outbound.dueRetries(FAILED_AT.plus(Duration.ofDays(7)), 10));
    }

    // redeliveries

    @Test
    void replayingAWebhookOfEveryFailureLeavesTheStateOfOneDelivery() {
        IngestHarness desk = harness();
        String[] waIds = {"5511900000001", "5511900000002", "5511900000003", "5511900000004", "5511900000005",
                "5511900000006", "5511900000007"};
        Failure[] failures = {RE_ENGAGEMENT, HELD_BACK, MARKETING_STOPPED, UNDELIVERABLE, PAIR_RATE, THROUGHPUT,
                UNSUPPORTED_TYPE};
        MetaPayloads body = notification();
        for (int i = 0; i < failures.length; i++) {
            desk.deliver(notification().text(waIds[i], "Cliente " + i, "wamid.IN" + i, FAILED_AT.minus(Duration.ofHours(1)),
                    "Oi"));
            sentTemplate(desk, waIds[i], "wamid.OUT" + i, FAILED_AT.minusSeconds(3));
            body.failed(waIds[i], "wamid.OUT" + i, FAILED_AT, failures[i].code(), failures[i].title(), failures[i].details());
        }
        // two limit hits in the same body: each counts once, however often the body comes back
        ContactKey paired = desk.key(waIds[4]);
        sentTemplate(desk, waIds[4], "wamid.OUT4b", FAILED_AT.minusSeconds(1));
        body.failed(waIds[4], "wamid.OUT4b", FAILED_AT.plusSeconds(2), PAIR_RATE.code(), PAIR_RATE.title(),
                PAIR_RATE.details());
        sentTemplate(desk, waIds[4], "wamid.OUT5b", FAILED_AT.minusSeconds(1));
        body.failed(waIds[4], "wamid.OUT5b", FAILED_AT.plusSeconds(2), THROUGHPUT.code(), THROUGHPUT.title(),
                THROUGHPUT.details());

        desk.deliver(body);
        List<String> contactsOnce = desk.contactsState();
        List<String> directoryOnce = desk.directoryState();
        assertEquals(Optional.of(FAILED_AT.plusSeconds(2 + 16)), contact(desk, paired).profile().sendBackoffUntil());
        assertEquals(Optional.of(new SendBackoff(2, FAILED_AT.plusSeconds(2 + 16))),
                desk.directory.senderBackoff(PHONE_NUMBER_ID));

        desk.deliver(body);
        desk.deliver(body);

        assertEquals(contactsOnce, desk.contactsState());
        assertEquals(directoryOnce, desk.directoryState());
    }
}
