package io.janela.application.sweep;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.application.directory.NotAnAgent;
import io.janela.support.TestContacts;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.desk.DeskReads;
import io.janela.application.desk.ClosingByHand;
import io.janela.application.desk.ClosingByHand.CloseCommand;
import io.janela.application.sweep.Sweeper.SweepReport;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.MetaTime;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundMessage;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.domain.window.WindowState;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads;
import io.janela.support.MutableClock;
import io.janela.support.RecordingSender;
import io.janela.support.SweepHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The window guard end to end: the real sweeper, closer, send path and DynamoDB stores on
 * DynamoDB Local, tickets opened by real webhook deliveries, Meta played by a recording double,
 * and a clock the tests move.
 */
class SweeperTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String ANA = "5511987654321";
    private static final ContactKey ANA_KEY = contact(ANA);
    private static final String BRUNO = "5521912345678";
    private static final String BIA = "bia@desk.example";
    private static final String CLOSING = "Seu atendimento foi encerrado. Obrigado pelo contato!";
    private static final String NUDGE = "Ainda precisa de ajuda? Responda esta mensagem para continuarmos.";

    private final MutableClock clock = new MutableClock(T0);
    private final List<IngestHarness> opened = new ArrayList<>();
    private IngestHarness desk;

    @BeforeEach
    void team() {
        desk = harness(new IngestHarness(clock));
        desk.directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, false));
    }

    @AfterEach
    void closeClients() {
        opened.forEach(IngestHarness::close);
    }

    private IngestHarness harness(IngestHarness harness) {
        opened.add(harness);
        return harness;
    }

    private SweepHarness sweep(Map<String, String> settings) {
        return new SweepHarness(desk, clock, settings);
    }

    private static ContactKey contact(String waId) {
        return TestContacts.key(waId);
    }

    private static Instant at(Duration afterT0) {
        return T0.plus(afterT0);
    }

    private static Duration hms(int hours, int minutes, int seconds) {
        return Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds);
    }

    /** The contact's first message: it opens the ticket this returns. */
    private TicketId opens(String waId, String wamid, Instant sentAt) {
        assertDeliverableAt(sentAt);
        desk.deliver(notification().text(waId, "Cliente", wamid, sentAt, "Oi, preciso de ajuda"));
        return TicketId.openedBy(contact(waId), wamid);
    }

    private void writes(String waId, String wamid, Instant sentAt) {
        assertDeliverableAt(sentAt);
        desk.deliver(notification().text(waId, "Cliente", wamid, sentAt, "Ainda estou aqui"));
    }

    /**
     * A message dated further ahead of the clock than Meta's skew allows would be stored at the receipt
     * time instead ({@link MetaTime#reported}): a test moves its clock to when the customer wrote.
     */
    private void assertDeliverableAt(Instant sentAt) {
        assertFalse(sentAt.isAfter(clock.instant().plus(MetaTime.ALLOWED_SKEW)),
                "a message sent at " + sentAt + " cannot be delivered at " + clock.instant());
    }

    /** Many customers, one webhook delivery: customer i wrote {@code i} seconds after {@code first}. */
    private List<TicketId> customersWrote(int count, String prefix, Instant first) {
        MetaPayloads batch = notification();
        List<TicketId> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String waId = prefix + String.format("%03d", i);
            batch.text(waId, "Cliente " + i, "wamid." + waId, first.plusSeconds(i), "Oi");
            tickets.add(TicketId.openedBy(contact(waId), "wamid." + waId));
        }
        desk.deliver(batch);
        return tickets;
    }

    private Ticket ticket(TicketId id) {
        return desk.contacts.findTicket(id).orElseThrow(() -> new AssertionError("no ticket " + id));
    }

    private static List<OutboundContent> contents(RecordingSender meta) {
        return meta.messages().stream().map(OutboundMessage::content).toList();
    }

    private static OutboundContent.Text text(String body) {
        return new OutboundContent.Text(body);
    }

    // ---- closing in time -------------------------------------------------------------------

    @Test
    void aTicketWhoseCustomerWrote23HoursAgoIsClosedAndOneASecondYoungerStaysOpen() {
        SweepHarness sweep = sweep(Map.of());
        TicketId ana = opens(ANA, "wamid.A1", T0);
        TicketId bruno = opens(BRUNO, "wamid.B1", T0.plusSeconds(1));
        clock.set(at(Duration.ofHours(23)));

        SweepReport report = sweep.sweeper.run();

        Ticket closed = ticket(ana);
        assertEquals(TicketStatus.CLOSED, closed.status());
        assertEquals(Optional.of(new Closing(CloseReason.WINDOW_GUARD, at(Duration.ofHours(23)), "janela",
                WindowState.OPEN, ClosingMessage.NONE)), closed.closing());
        Map<String, AttributeValue> item = desk.contactItem(ANA, "TICKET#" + ana.value());
        assertEquals("WINDOW_GUARD", item.get("closeReason").s());
        assertEquals(String.valueOf(at(Duration.ofHours(23)).getEpochSecond()), item.get("closedAt").n());
        assertEquals("janela", item.get("closedBy").s());
        assertEquals("OPEN", item.get("closedWindowState").s());
        assertFalse(item.containsKey("dueShard"), "a closed ticket leaves the due index");

        Ticket younger = ticket(bruno);
        assertTrue(younger.isOpen(), "22:59:59 after the customer wrote, the ticket stays open");
        assertEquals(Optional.empty(), younger.closing());
        assertEquals(1, report.closed());
        assertEquals(0, report.keptOpen());
        assertEquals(0, report.overdue());
        assertEquals(0, report.failed());
        assertFalse(report.more());
        assertEquals(List.of(), sweep.send.meta.messages(), "no closing message is configured");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, sweep.sweeper.run().closed());
        assertEquals(TicketStatus.CLOSED, ticket(bruno).status());
    }

    @Test
    void theClosingMessageGoesOutAsFreeFormTextWhileTheWindowIsOpen() {
        SweepHarness sweep = sweep(Map.of("janela.sweep.closing-message", CLOSING));
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(23)));

        SweepReport report = sweep.sweeper.run();

        List<RecordingSender.Handed> handed = sweep.send.meta.handed();
        assertEquals(1, handed.size());
        assertEquals(ANA_KEY, handed.get(0).message().to());
        assertEquals(text(CLOSING), handed.get(0).message().content(), "free-form text, never a template");
        String wamid = handed.get(0).wamid().orElseThrow();
        Closing closing = ticket(ana).closing().orElseThrow();
        assertEquals(WindowState.OPEN, closing.windowState());
        assertEquals(ClosingMessage.sent(wamid), closing.message());
        Map<String, AttributeValue> out = desk.contactItem(ANA, "OUT#" + wamid);
        assertEquals("text", out.get("kind").s());
        assertEquals(CLOSING, out.get("text").s());
        assertEquals("janela", out.get("sentBy").s());
        assertEquals(false, out.get("activeMessage").bool());
        assertEquals(1, report.closingMessagesSent());
        assertEquals(0, report.closedAfterWindow());
    }

    @Test
    void afterAnOutageTheTicketClosesWithoutAMessageAndSaysTheWindowHadClosed() {
        SweepHarness sweep = sweep(Map.of("janela.sweep.closing-message", CLOSING));
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(25)));

        SweepReport report = sweep.sweeper.run();

        Closing closing = ticket(ana).closing().orElseThrow();
        assertEquals(CloseReason.WINDOW_GUARD, closing.reason());
        assertEquals(WindowState.EXPIRED, closing.windowState());
        assertEquals(ClosingMessage.WINDOW_CLOSED, closing.message());
        assertEquals("WINDOW_CLOSED", desk.contactItem(ANA, "TICKET#" + ana.value()).get("closingMessage").s());
        assertEquals(List.of(), sweep.send.meta.messages(), "a closed window is never answered with a template");
        assertEquals(1, report.closed());
        assertEquals(1, report.closedAfterWindow());
        assertEquals(0, report.closingMessagesSent());
    }

    /** Delivers a customer message the moment the sweeper's client is about to send its close. */
    private static final class InboundBeforeTheClose implements ExecutionInterceptor {
        private final AtomicReference<Runnable> inbound = new AtomicReference<>();
        private volatile boolean fired;

        void arm(Runnable delivery) {
            inbound.set(delivery);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest update && update.updateExpression() != null
                    && update.updateExpression().contains("closeReason")) {
                Runnable delivery = inbound.getAndSet(null);
                if (delivery != null) {
                    delivery.run();
                    fired = true;
                }
            }
        }
    }

    @Test
    void aCustomerMessageArrivingBetweenTheSweepersReadAndItsWriteKeepsTheTicketOpen() {
        InboundBeforeTheClose race = new InboundBeforeTheClose();
        IngestHarness sweeperSide = harness(new IngestHarness(desk.tables, clock, race));
        SweepHarness sweep = new SweepHarness(sweeperSide, clock, Map.of("janela.sweep.closing-message", CLOSING));
        TicketId ana = opens(ANA, "wamid.A1", T0);
        Instant wroteAgain = at(Duration.ofHours(23));
        clock.set(wroteAgain);
        race.arm(() -> writes(ANA, "wamid.A2", wroteAgain));

        SweepReport report = sweep.sweeper.run();

        assertTrue(race.fired, "the message was delivered between the read and the close");
        Ticket open = ticket(ana);
        assertTrue(open.isOpen());
        assertEquals(wroteAgain, open.lastInboundAt());
        assertEquals(Optional.empty(), open.closing());
        assertEquals(1, report.keptOpen());
        assertEquals(0, report.closed());
        assertEquals(List.of(), sweep.send.meta.messages(), "no closing message for a ticket that stayed open");
        assertEquals("wamid.A2", desk.contactItem(ANA, "IN#wamid.A2").get("wamid").s());

        clock.set(wroteAgain.plus(Duration.ofHours(23)).minusSeconds(1));
        assertEquals(0, sweep.sweeper.run().closed());
        clock.set(wroteAgain.plus(Duration.ofHours(23)));
        SweepReport later = sweep.sweeper.run();

        assertEquals(1, later.closed());
        assertEquals(0, later.keptOpen());
        assertEquals(TicketStatus.CLOSED, ticket(ana).status());
        assertEquals(List.of(text(CLOSING)), contents(sweep.send.meta));
    }

    @Test
    void aClosingMessageMetaRefusesLeavesTheTicketClosedAndSaysWhy() {
        SweepHarness sweep = sweep(Map.of("janela.sweep.closing-message", CLOSING));
        sweep.send.meta.refuse(ANA, 131047, "Re-engagement message");
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(23)));

        SweepReport report = sweep.sweeper.run();

        assertEquals(1, report.closed());
        assertEquals(0, report.closingMessagesSent());
        assertEquals(0, report.failed());
        Closing closing = ticket(ana).closing().orElseThrow();
        assertEquals(ClosingMessage.failed("131047"), closing.message());
        assertEquals(1, sweep.send.meta.messages().size(), "tried once, never as a template");
        assertInstanceOf(OutboundContent.Text.class, sweep.send.meta.messages().get(0).content());
    }

    @Test
    void afterDowntimeTheFirstSweepClosesEverythingOverdueAndCountsIt() {
        TicketId a = opens("5511900000001", "wamid.a", T0);
        TicketId b = opens("5511900000002", "wamid.b", at(hms(0, 1, 0)));
        Instant previousRun = at(hms(23, 5, 0));
        clock.set(previousRun);
        // the run before the downtime had room for one close only, and left the other due ticket behind
        SweepReport before = sweep(Map.of("janela.sweep.batch-size", "1")).sweeper.run();
        assertEquals(1, before.closed());
        assertTrue(before.more());
        assertEquals(TicketStatus.CLOSED, ticket(a).status());

        Instant now = previousRun.plus(Duration.ofHours(4));
        Duration oneRateAgo = Duration.ofMinutes(1);
        TicketId c = opens("5511900000003", "wamid.c", at(hms(0, 30, 0)));
        TicketId d = opens("5511900000004", "wamid.d", at(hms(2, 0, 0)));
        // due exactly when the run a rate ago would have been: that run would have closed it
        TicketId e = opens("5511900000005", "wamid.e", now.minus(oneRateAgo).minus(Duration.ofHours(23)));
        TicketId f = opens("5511900000006", "wamid.f", now.minus(oneRateAgo).minus(Duration.ofHours(23)).plusSeconds(1));
        TicketId g = opens("5511900000007", "wamid.g", now.minus(Duration.ofHours(23)));
        TicketId h = opens("5511900000008", "wamid.h", now.minus(Duration.ofHours(23)).plusSeconds(1));
        clock.set(now);

        SweepReport report = sweep(Map.of()).sweeper.run();

        for (TicketId closed : List.of(b, c, d, e, f, g)) {
            assertEquals(TicketStatus.CLOSED, ticket(closed).status(), closed.value());
        }
        assertTrue(ticket(h).isOpen());
        assertEquals(Optional.of(previousRun), report.previousRunAt());
        assertEquals(now, report.startedAt());
        assertEquals(6, report.closed());
        assertEquals(4, report.overdue(), "b (left behind by the previous run), c, d and e were missed");
        assertEquals(3, report.closedAfterWindow(), "b, c and d waited past the end of their window");
        assertFalse(report.more());
    }

    @Test
    void aRunThatComesALittleLateIsNotCatchingUp() {
        Instant previousRun = at(Duration.ofHours(23));
        clock.set(previousRun);
        SweepHarness sweep = sweep(Map.of());
        sweep.sweeper.run();
        TicketId ana = opens(ANA, "wamid.A1", T0.plusSeconds(10));
        TicketId bruno = opens(BRUNO, "wamid.B1", T0.minusSeconds(1));
        // the schedule says a minute, EventBridge fired after 75 seconds
        clock.set(previousRun.plusSeconds(75));

        SweepReport report = sweep.sweeper.run();

        assertEquals(Optional.of(previousRun), report.previousRunAt());
        assertEquals(TicketStatus.CLOSED, ticket(ana).status());
        assertEquals(TicketStatus.CLOSED, ticket(bruno).status());
        assertEquals(2, report.closed());
        assertEquals(1, report.overdue(), "only the ticket already due at the previous run was missed");
    }

    @Test
    void theFirstRunEverCountsAsOverdueWhatARunARateAgoWouldHaveClosed() {
        TicketId missed = opens(ANA, "wamid.A1", T0);
        TicketId onTime = opens(BRUNO, "wamid.B1", T0.plusSeconds(61));
        clock.set(at(hms(23, 1, 1)));

        SweepReport report = sweep(Map.of()).sweeper.run();

        assertEquals(Optional.empty(), report.previousRunAt());
        assertEquals(TicketStatus.CLOSED, ticket(missed).status());
        assertEquals(TicketStatus.CLOSED, ticket(onTime).status());
        assertEquals(2, report.closed());
        assertEquals(1, report.overdue());
    }

    @Test
    void aRunStopsAtItsBatchSizeEarliestDeadlinesFirstAndTheNextRunCarriesOn() {
        SweepHarness sweep = sweep(Map.of("janela.sweep.batch-size", "3"));
        // delivered latest first, so storage order is not deadline order
        List<TicketId> byDeadline = new ArrayList<>();
        for (int i = 4; i >= 0; i--) {
            byDeadline.add(0, opens("55119100000" + i, "wamid.batch" + i, at(Duration.ofMinutes(i))));
        }
        clock.set(at(Duration.ofHours(23).plusMinutes(10)));

        SweepReport first = sweep.sweeper.run();

        assertEquals(3, first.closed());
        assertTrue(first.more());
        assertEquals(List.of(TicketStatus.CLOSED, TicketStatus.CLOSED, TicketStatus.CLOSED, TicketStatus.WAITING,
                TicketStatus.WAITING), byDeadline.stream().map(id -> ticket(id).status()).toList());

        clock.advance(Duration.ofMinutes(1));
        SweepReport second = sweep.sweeper.run();

        assertEquals(2, second.closed());
        assertFalse(second.more());
        assertTrue(byDeadline.stream().map(this::ticket).noneMatch(Ticket::isOpen));
        assertEquals(0, sweep.sweeper.run().closed());
    }

    @Test
    void closesRunInParallelAndEachTicketIsClosedAndMessagedExactlyOnce() {
        SweepHarness sweep = sweep(Map.of("janela.sweep.closing-message", CLOSING, "janela.sweep.concurrency", "4"));
        Set<String> senders = ConcurrentHashMap.newKeySet();
        sweep.send.meta.answer(message -> {
            senders.add(Thread.currentThread().getName());
            return null;
        });
        List<TicketId> tickets = customersWrote(20, "55119200000", T0);
        clock.set(at(Duration.ofHours(23).plusMinutes(1)));

        SweepReport report = sweep.sweeper.run();

        assertEquals(20, report.closed());
        assertEquals(20, report.closingMessagesSent());
        assertEquals(4, senders.size(), "four closes at once: " + senders);
        List<String> recipients = sweep.send.meta.recipients();
        assertEquals(20, recipients.size());
        assertEquals(20, new HashSet<>(recipients).size(), "one closing message per customer");
        for (TicketId id : tickets) {
            Closing closing = ticket(id).closing().orElseThrow();
            assertEquals(ClosingMessage.Outcome.SENT, closing.message().outcome(), id.value());
        }
        assertEquals(20, tickets.stream().map(id -> ticket(id).closing().orElseThrow().message().detail().orElseThrow())
                .distinct().count());
    }

    /**
     * Holds every close of two sweepers until both have read their work and reached their first
     * close, so both act on the same due tickets: the conditional writes alone decide who closes.
     */
    private static final class ClosesAfterBothRead {
        private final CountDownLatch bothReady = new CountDownLatch(2);

        ExecutionInterceptor forOneSweeper() {
            AtomicBoolean ready = new AtomicBoolean();
            return new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof UpdateItemRequest update && update.updateExpression() != null
                            && update.updateExpression().contains("closeReason")) {
                        if (ready.compareAndSet(false, true)) {
                            bothReady.countDown();
                        }
                        try {
                            bothReady.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            };
        }
    }

    @Test
    void twoSweepersRunningAtOnceNeverSendTheSameCustomerTwoClosingMessages() throws Exception {
        Map<String, String> settings = Map.of("janela.sweep.closing-message", CLOSING, "janela.sweep.concurrency", "4");
        ClosesAfterBothRead sameWork = new ClosesAfterBothRead();
        SweepHarness one = new SweepHarness(harness(new IngestHarness(desk.tables, clock, sameWork.forOneSweeper())),
                clock, settings);
        SweepHarness other = new SweepHarness(harness(new IngestHarness(desk.tables, clock, sameWork.forOneSweeper())),
                clock, settings);
        List<TicketId> tickets = customersWrote(12, "55119300000", T0);
        clock.set(at(Duration.ofHours(23).plusMinutes(1)));

        ExecutorService invocations = Executors.newFixedThreadPool(2);
        try {
            Future<SweepReport> first = invocations.submit(one.sweeper::run);
            Future<SweepReport> second = invocations.submit(other.sweeper::run);
            SweepReport a = first.get(30, TimeUnit.SECONDS);
            SweepReport b = second.get(30, TimeUnit.SECONDS);

            assertEquals(0, sameWork.bothReady.getCount(), "both sweepers reached their closes together");
            assertEquals(12, a.closed() + b.closed());
            assertEquals(12, a.closingMessagesSent() + b.closingMessagesSent());
            assertEquals(0, a.failed() + b.failed());
        } finally {
            invocations.shutdownNow();
        }
        List<String> recipients = Stream.concat(one.send.meta.recipients().stream(), other.send.meta.recipients().stream())
                .toList();
        assertEquals(12, recipients.size());
        assertEquals(12, new HashSet<>(recipients).size(), "no customer got two closing messages");
        assertTrue(tickets.stream().map(this::ticket).noneMatch(Ticket::isOpen));
    }

    // ---- scheduled closes --------------------------------------------------------------------

    private ClosingByHand.Result schedule(SweepHarness sweep, TicketId id, Instant closeAt, boolean cancelOnReply,
            Optional<String> message) {
        return sweep.actions.close(new CloseCommand(BIA, id, Optional.of(closeAt), cancelOnReply, message));
    }

    @Test
    void aScheduledCloseWaitsForItsTimeThenClosesWithTheAgentsMessage() {
        SweepHarness sweep = sweep(Map.of("janela.sweep.closing-message", CLOSING));
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofMinutes(30)));
        writes(ANA, "wamid.A2", at(Duration.ofMinutes(30)));
        clock.set(at(Duration.ofHours(1)));
        Instant closeAt = at(Duration.ofHours(3));

        ClosingByHand.Scheduled scheduled = assertInstanceOf(ClosingByHand.Scheduled.class,
                schedule(sweep, ana, closeAt, true, Optional.of("Vou encerrar por aqui, até logo!")));
        assertEquals(closeAt, scheduled.ticket().pendingClose().orElseThrow().at());
        assertEquals(BIA, scheduled.ticket().pendingClose().orElseThrow().requestedBy());

        clock.set(closeAt.minusSeconds(1));
        SweepReport early = sweep.sweeper.run();
        assertEquals(0, early.scheduledClosed());
        assertTrue(ticket(ana).isOpen());
        assertEquals(List.of(), sweep.send.meta.messages());

        clock.set(closeAt);
        SweepReport report = sweep.sweeper.run();

        assertEquals(1, report.scheduledClosed());
        assertEquals(1, report.closingMessagesSent());
        Ticket closed = ticket(ana);
        Closing closing = closed.closing().orElseThrow();
        assertEquals(CloseReason.SCHEDULED, closing.reason());
        assertEquals(BIA, closing.by());
        assertEquals(closeAt, closing.at());
        assertEquals(WindowState.OPEN, closing.windowState());
        assertEquals(List.of(text("Vou encerrar por aqui, até logo!")), contents(sweep.send.meta),
                "the agent's message, not the guard's");
        assertEquals(ClosingMessage.sent(sweep.send.meta.handed().get(0).wamid().orElseThrow()), closing.message());
        assertEquals(Optional.empty(), closed.scheduledClose());

        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, sweep.sweeper.run().scheduledClosed());
        assertEquals(1, sweep.send.meta.messages().size());
    }

    @Test
    void aReplyBeforeTheTimeCancelsACloseThatWasToGiveWay() {
        SweepHarness sweep = sweep(Map.of());
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(1)));
        Instant closeAt = at(Duration.ofHours(3));
        assertInstanceOf(ClosingByHand.Scheduled.class, schedule(sweep, ana, closeAt, true, Optional.of("Até logo!")));
        clock.set(at(Duration.ofHours(2)));
        writes(ANA, "wamid.A2", at(Duration.ofHours(2)));
        clock.set(closeAt);

        SweepReport report = sweep.sweeper.run();

        assertEquals(1, report.scheduledCancelled());
        assertEquals(0, report.scheduledClosed());
        Ticket open = ticket(ana);
        assertTrue(open.isOpen());
        assertEquals(Optional.empty(), open.scheduledClose());
        assertFalse(sweep.closings.scheduledBy(at(Duration.ofHours(48))).hasNext(), "the schedule is gone");
        assertEquals(List.of(), sweep.send.meta.messages());
    }

    @Test
    void aReplyDoesNotStopACloseThatWasNotToGiveWay() {
        SweepHarness sweep = sweep(Map.of());
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(1)));
        Instant closeAt = at(Duration.ofHours(3));
        assertInstanceOf(ClosingByHand.Scheduled.class, schedule(sweep, ana, closeAt, false, Optional.of("Até logo!")));
        clock.set(at(Duration.ofHours(2)));
        writes(ANA, "wamid.A2", at(Duration.ofHours(2)));
        clock.set(closeAt);

        SweepReport report = sweep.sweeper.run();

        assertEquals(1, report.scheduledClosed());
        assertEquals(0, report.scheduledCancelled());
        assertEquals(CloseReason.SCHEDULED, ticket(ana).closing().orElseThrow().reason());
        assertEquals(List.of(text("Até logo!")), contents(sweep.send.meta));
    }

    @Test
    void aReplyRacingAScheduledCloseThatWasToGiveWayCancelsIt() {
        InboundBeforeTheClose race = new InboundBeforeTheClose();
        SweepHarness sweep = new SweepHarness(harness(new IngestHarness(desk.tables, clock, race)), clock, Map.of());
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(1)));
        Instant closeAt = at(Duration.ofHours(3));
        assertInstanceOf(ClosingByHand.Scheduled.class, schedule(sweep, ana, closeAt, true, Optional.of("Até logo!")));
        clock.set(closeAt);
        race.arm(() -> writes(ANA, "wamid.A2", closeAt));

        SweepReport report = sweep.sweeper.run();

        assertTrue(race.fired, "the reply was delivered between the read and the close");
        assertEquals(0, report.scheduledClosed());
        assertEquals(1, report.scheduledCancelled());
        Ticket open = ticket(ana);
        assertTrue(open.isOpen());
        assertEquals(closeAt, open.lastInboundAt());
        assertEquals(Optional.empty(), open.scheduledClose());
        assertEquals(List.of(), sweep.send.meta.messages());
    }

    @Test
    void aScheduledCloseAndTheGuardDueInTheSameRunCloseTheTicketOnceWithOneMessage() {
        SweepHarness sweep = sweep(Map.of("janela.sweep.closing-message", CLOSING));
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(1)));
        Instant closeAt = at(Duration.ofHours(23));
        schedule(sweep, ana, closeAt, false, Optional.of("Até logo!"));
        clock.set(closeAt);

        SweepReport report = sweep.sweeper.run();

        assertEquals(1, report.closed() + report.scheduledClosed());
        assertEquals(1, report.closingMessagesSent());
        assertEquals(1, sweep.send.meta.messages().size());
        Closing closing = ticket(ana).closing().orElseThrow();
        String expected = closing.reason() == CloseReason.SCHEDULED ? "Até logo!" : CLOSING;
        assertEquals(List.of(text(expected)), contents(sweep.send.meta));
        assertFalse(sweep.closings.scheduledBy(at(Duration.ofHours(48))).hasNext());
    }

    @Test
    void aCancelledScheduledCloseNeverHappens() {
        SweepHarness sweep = sweep(Map.of());
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(1)));
        Instant closeAt = at(Duration.ofHours(3));
        schedule(sweep, ana, closeAt, false, Optional.of("Até logo!"));

        ClosingByHand.Cancelled cancelled = assertInstanceOf(ClosingByHand.Cancelled.class,
                sweep.actions.cancelScheduledClose(BIA, ana));
        assertEquals(Optional.empty(), cancelled.ticket().scheduledClose());
        assertInstanceOf(ClosingByHand.NothingScheduled.class, sweep.actions.cancelScheduledClose(BIA, ana));
        clock.set(closeAt);

        SweepReport report = sweep.sweeper.run();

        assertEquals(0, report.scheduledClosed());
        assertEquals(0, report.scheduledCancelled());
        assertTrue(ticket(ana).isOpen());
        assertEquals(List.of(), sweep.send.meta.messages());
    }

    // ---- the desk's actions ------------------------------------------------------------------

    @Test
    void anUnknownTicketIsNotFound() {
        SweepHarness sweep = sweep(Map.of());
        TicketId unknown = TicketId.openedBy(ANA_KEY, "wamid.never");

        assertInstanceOf(ClosingByHand.NotFound.class,
                sweep.actions.close(new CloseCommand(BIA, unknown, Optional.empty(), true, Optional.empty())));
        assertInstanceOf(ClosingByHand.NotFound.class, schedule(sweep, unknown, at(Duration.ofHours(1)), true,
                Optional.empty()));
        assertInstanceOf(ClosingByHand.NotFound.class, sweep.actions.cancelScheduledClose(BIA, unknown));
    }

    @Test
    void aClosedTicketIsAlreadyClosed() {
        SweepHarness sweep = sweep(Map.of());
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(23)));
        sweep.sweeper.run();

        assertInstanceOf(ClosingByHand.AlreadyClosed.class,
                sweep.actions.close(new CloseCommand(BIA, ana, Optional.empty(), true, Optional.of("Oi"))));
        assertInstanceOf(ClosingByHand.AlreadyClosed.class, schedule(sweep, ana, at(Duration.ofHours(23).plusMinutes(5)),
                true, Optional.empty()));
        assertInstanceOf(ClosingByHand.AlreadyClosed.class, sweep.actions.cancelScheduledClose(BIA, ana));
        assertEquals(CloseReason.WINDOW_GUARD, ticket(ana).closing().orElseThrow().reason());
        assertEquals(List.of(), sweep.send.meta.messages());
    }

    @Test
    void aCloseInThePastOrBeyondTheWindowIsRefusedAndNothingIsStored() {
        SweepHarness sweep = sweep(Map.of());
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(2)));

        assertThrows(IllegalArgumentException.class, () -> schedule(sweep, ana, at(Duration.ofHours(1)), true,
                Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> schedule(sweep, ana, at(Duration.ofHours(2)), true,
                Optional.empty()));
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> schedule(sweep, ana, at(Duration.ofHours(24)).plusSeconds(1), true, Optional.empty()));
        assertTrue(beyond.getMessage().contains("window"), beyond.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CloseCommand(BIA, ana, Optional.empty(), true,
                Optional.of("x".repeat(4097))));

        Map<String, AttributeValue> item = desk.contactItem(ANA, "TICKET#" + ana.value());
        assertFalse(item.containsKey("closeShard"));
        assertFalse(item.containsKey("closeAt"));
        assertEquals(Optional.empty(), ticket(ana).scheduledClose());
        assertFalse(sweep.closings.scheduledBy(at(Duration.ofHours(48))).hasNext());
    }

    @Test
    void onlyAnAgentMayCloseOrSchedule() {
        SweepHarness sweep = sweep(Map.of());
        TicketId ana = opens(ANA, "wamid.A1", T0);
        String stranger = "someone@elsewhere.example";

        assertEquals(stranger, assertThrows(NotAnAgent.class,
                () -> sweep.actions.close(new CloseCommand(stranger, ana, Optional.empty(), true, Optional.of("Tchau")))).email());
        assertEquals(stranger, assertThrows(NotAnAgent.class, () -> sweep.actions.close(new CloseCommand(stranger, ana,
                Optional.of(at(Duration.ofHours(3))), true, Optional.empty()))).email());
        assertEquals(stranger, assertThrows(NotAnAgent.class, () -> sweep.actions.cancelScheduledClose(stranger, ana)).email());

        Ticket untouched = ticket(ana);
        assertTrue(untouched.isOpen());
        assertEquals(Optional.empty(), untouched.scheduledClose());
        assertEquals(List.of(), sweep.send.meta.messages());
    }

    @Test
    void anAgentClosesNowAndTheMessageGoesOutWhileTheWindowIsOpen() {
        SweepHarness sweep = sweep(Map.of("janela.sweep.closing-message", CLOSING));
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(5)));

        ClosingByHand.Closed closed = assertInstanceOf(ClosingByHand.Closed.class,
                sweep.actions.close(new CloseCommand(BIA, ana, Optional.empty(), true, Optional.of("Resolvido, até mais!"))));

        Closing closing = closed.ticket().closing().orElseThrow();
        assertEquals(CloseReason.AGENT, closing.reason());
        assertEquals(BIA, closing.by());
        assertEquals(at(Duration.ofHours(5)), closing.at());
        assertEquals(WindowState.OPEN, closing.windowState());
        assertEquals(List.of(text("Resolvido, até mais!")), contents(sweep.send.meta));
        assertEquals(ClosingMessage.sent(sweep.send.meta.handed().get(0).wamid().orElseThrow()), closing.message());
        assertEquals(TicketStatus.CLOSED, ticket(ana).status());
    }

    @Test
    void anAgentsCloseAfterTheWindowEndedSendsNothing() {
        SweepHarness sweep = sweep(Map.of());
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(24)));

        ClosingByHand.Closed closed = assertInstanceOf(ClosingByHand.Closed.class,
                sweep.actions.close(new CloseCommand(BIA, ana, Optional.empty(), true, Optional.of("Resolvido!"))));

        Closing closing = closed.ticket().closing().orElseThrow();
        assertEquals(CloseReason.AGENT, closing.reason());
        assertEquals(WindowState.EXPIRED, closing.windowState());
        assertEquals(ClosingMessage.WINDOW_CLOSED, closing.message());
        assertEquals(List.of(), sweep.send.meta.messages());
    }

    // ---- expiring marks ----------------------------------------------------------------------

    @Test
    void aWindowAboutToEndIsMarkedAndNudgedOnceAndANewWindowAgain() {
        SweepHarness sweep = sweep(Map.of("janela.sweep.close-after", "23H45M", "janela.sweep.expiring-nudge", NUDGE));
        DeskReads reads = new DeskReads(desk.contacts, clock, Duration.ofMinutes(30));
        TicketId ana = opens(ANA, "wamid.A1", T0);
        Instant expiringFrom = at(Duration.ofHours(24)).minus(Duration.ofMinutes(30));

        clock.set(expiringFrom.minusSeconds(1));
        assertEquals(WindowState.OPEN, reads.ticket(ana).orElseThrow().window().state());
        assertEquals(WindowState.OPEN, reads.contact(ANA_KEY).orElseThrow().window().state());
        assertEquals(0, sweep.sweeper.run().markedExpiring());
        clock.set(expiringFrom);
        assertEquals(WindowState.EXPIRING, reads.ticket(ana).orElseThrow().window().state());
        assertEquals(WindowState.EXPIRING, reads.contact(ANA_KEY).orElseThrow().window().state());

        clock.set(expiringFrom.plusSeconds(1));
        SweepReport marked = sweep.sweeper.run();

        assertEquals(1, marked.markedExpiring());
        assertEquals(1, marked.nudged());
        assertEquals(0, marked.closed());
        assertEquals(List.of(text(NUDGE)), contents(sweep.send.meta));
        Map<String, AttributeValue> item = desk.contactItem(ANA, "TICKET#" + ana.value());
        assertEquals("SENT", item.get("nudge").s());
        assertEquals(sweep.send.meta.handed().get(0).wamid().orElseThrow(), item.get("nudgeDetail").s());

        clock.advance(Duration.ofMinutes(1));
        SweepReport again = sweep.sweeper.run();
        assertEquals(0, again.markedExpiring());
        assertEquals(0, again.nudged());
        assertEquals(1, sweep.send.meta.messages().size(), "at most one nudge per window");

        Instant wroteAgain = at(Duration.ofHours(23).plusMinutes(40));
        clock.set(wroteAgain);
        writes(ANA, "wamid.A2", wroteAgain);
        assertEquals(WindowState.OPEN, reads.ticket(ana).orElseThrow().window().state());
        assertEquals(0, sweep.sweeper.run().markedExpiring());

        clock.set(wroteAgain.plus(Duration.ofHours(23).plusMinutes(30)));
        SweepReport newWindow = sweep.sweeper.run();
        assertEquals(1, newWindow.markedExpiring());
        assertEquals(1, newWindow.nudged());
        assertEquals(List.of(text(NUDGE), text(NUDGE)), contents(sweep.send.meta));

        clock.set(wroteAgain.plus(Duration.ofHours(23).plusMinutes(45)));
        SweepReport closed = sweep.sweeper.run();
        assertEquals(1, closed.closed());
        assertEquals(0, closed.nudged());
        assertEquals(2, sweep.send.meta.messages().size());
    }

    @Test
    void withoutANudgeSettingTicketsAreMarkedButNothingIsSent() {
        SweepHarness sweep = sweep(Map.of("janela.sweep.close-after", "23H45M"));
        TicketId ana = opens(ANA, "wamid.A1", T0);
        clock.set(at(Duration.ofHours(23).plusMinutes(30)));

        SweepReport report = sweep.sweeper.run();

        assertEquals(1, report.markedExpiring());
        assertEquals(0, report.nudged());
        assertEquals(List.of(), sweep.send.meta.messages());
        assertTrue(desk.contactItem(ANA, "TICKET#" + ana.value()).containsKey("expiringFor"));
        assertEquals(0, sweep.sweeper.run().markedExpiring());
    }
}
