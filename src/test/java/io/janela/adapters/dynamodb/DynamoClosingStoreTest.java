package io.janela.adapters.dynamodb;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.support.TestContacts;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.sweep.ClosingStore.CancelOutcome;
import io.janela.domain.ticket.CloseCondition;
import io.janela.domain.ticket.CloseOutcome;
import io.janela.application.sweep.ClosingStore.DueClose;
import io.janela.application.sweep.ClosingStore.DueTicket;
import io.janela.application.sweep.ClosingStore.ScheduleOutcome;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.domain.window.WindowState;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads;
import io.janela.support.MutableClock;
import io.janela.support.TestDynamo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The sweeper's reads and conditional writes on DynamoDB Local, on tickets opened by real webhook deliveries. */
class DynamoClosingStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String ANA = "5511987654321";
    private static final ContactKey ANA_KEY = contact(ANA);
    private static final String BIA = "bia@desk.example";

    private final MutableClock clock = new MutableClock(T0);
    private IngestHarness desk;
    private DynamoClosingStore closings;

    @BeforeEach
    void tables() {
        desk = new IngestHarness(clock);
        closings = new DynamoClosingStore(desk.dynamo, desk.tables.contacts(), 100);
    }

    @AfterEach
    void close() {
        desk.close();
    }

    private static ContactKey contact(String waId) {
        return TestContacts.key(waId);
    }

    /**
     * The customer writes; the first message of a contact opens its ticket, whose id it returns. The
     * webhook arrives as the customer sends: a timestamp ahead of the clock would count as the receipt time.
     */
    private TicketId wrote(String waId, String wamid, Instant at) {
        if (clock.instant().isBefore(at)) {
            clock.set(at);
        }
        desk.deliver(notification().text(waId, "Cliente", wamid, at, "Oi"));
        return desk.contacts.findContact(contact(waId)).orElseThrow().openTicket().orElseThrow().id();
    }

    private Ticket stored(ContactKey contact, TicketId id) {
        return closings.ticket(contact, id).orElseThrow();
    }

    private static Closing guardClosing(Instant at) {
        return new Closing(CloseReason.WINDOW_GUARD, at, Closing.JANELA, WindowState.OPEN, ClosingMessage.NONE);
    }

    private static ScheduledClose scheduled(Instant at, boolean cancelOnReply, Instant requestedAt) {
        return new ScheduledClose(at, cancelOnReply, Optional.of("Até logo!"), BIA, requestedAt);
    }

    /** The ticket ids an index holds under one key, read straight from the index. */
    private Set<String> indexed(String index, String keyName, String key) {
        return desk.dynamo.query(request -> request
                        .tableName(desk.tables.contacts())
                        .indexName(index)
                        .keyConditionExpression(keyName + " = :key")
                        .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(key))))
                .items().stream()
                .map(item -> item.get("sk").s().substring("TICKET#".length()))
                .collect(Collectors.toSet());
    }

    private Set<String> dueIndex() {
        return IntStream.range(0, 4).boxed()
                .flatMap(shard -> indexed("DueTickets", "dueShard", "DUE#" + shard).stream())
                .collect(Collectors.toSet());
    }

    private Set<String> scheduledIndex() {
        return indexed("ScheduledCloses", "closeShard", "SCHEDULED");
    }

    private static <T> List<T> all(Iterator<T> items) {
        List<T> list = new ArrayList<>();
        items.forEachRemaining(list::add);
        return list;
    }

    /** Nine customers who wrote a few minutes apart (delivered out of order), spread over all four shards. */
    private record Spread(TestDynamo.Tables tables, List<TicketId> inWindowEndOrder, Map<String, Integer> perShard) {
    }

    /** The tests that only read the nine tickets share one set of tables. */
    private static IngestHarness nine;
    private static Spread spread;

    @AfterAll
    static void closeShared() {
        if (nine != null) {
            nine.close();
        }
    }

    private static Spread nineTicketsOverFourShards() {
        if (spread != null) {
            return spread;
        }
        // delivered once the last of them was sent: a timestamp ahead of the clock would count as the receipt time
        nine = new IngestHarness(new MutableClock(T0.plus(Duration.ofHours(3))));
        int[] minutesAfterT0 = {7, 2, 9, 1, 5, 3, 8, 4, 6};
        TreeMap<Integer, TicketId> byTime = new TreeMap<>();
        Map<String, Integer> perShard = new TreeMap<>();
        MetaPayloads batch = notification();
        for (int i = 1; i <= 9; i++) {
            String waId = String.format("55119990000%02d", i);
            String wamid = String.format("wamid.%02d", i);
            int minutes = minutesAfterT0[i - 1];
            batch.text(waId, "Cliente", wamid, T0.plus(Duration.ofMinutes(minutes)), "Oi");
            TicketId id = TicketId.openedBy(contact(waId), wamid);
            byTime.put(minutes, id);
            perShard.merge(ContactItems.dueShard(id), 1, Integer::sum);
        }
        // two more whose windows end after the horizon the tests read to
        batch.text("5511888800001", "Cliente", "wamid.late1", T0.plus(Duration.ofHours(2)), "Oi")
                .text("5511888800002", "Cliente", "wamid.late2", T0.plus(Duration.ofHours(3)), "Oi");
        nine.deliver(batch);
        assertEquals(4, perShard.size(), "the nine tickets should fall in all four shards: " + perShard);
        assertTrue(perShard.containsValue(2) && perShard.containsValue(3), "even and odd shard sizes: " + perShard);
        spread = new Spread(nine.tables, List.copyOf(byTime.values()), perShard);
        return spread;
    }

    private static final Instant HORIZON = T0.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(20));

    /** Counts the Query requests a client sends, and keeps their limits and item counts. */
    private static final class QueryCounter implements ExecutionInterceptor {
        final List<Integer> limits = new CopyOnWriteArrayList<>();
        final List<Integer> itemCounts = new CopyOnWriteArrayList<>();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest query && context.response() instanceof QueryResponse response) {
                limits.add(query.limit());
                itemCounts.add(response.count());
            }
        }

        int queries() {
            return limits.size();
        }
    }

    @Test
    void dueTicketsComeFromAllFourShardsInWindowEndOrderUpToTheHorizon() {
        Spread spread = nineTicketsOverFourShards();
        DynamoClosingStore closings = new DynamoClosingStore(nine.dynamo, spread.tables().contacts(), 100);

        List<DueTicket> due = all(closings.dueBy(HORIZON));

        assertEquals(spread.inWindowEndOrder(), due.stream().map(DueTicket::id).toList());
        DueTicket first = due.get(0);
        assertEquals(contact("5511999000004"), first.contact());
        assertEquals(T0.plus(Duration.ofMinutes(1)), first.lastInboundAt());
        assertEquals(T0.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(1)), first.windowEndsAt());
        assertFalse(first.markedExpiring());
        assertEquals(List.of(), all(closings.dueBy(T0.plus(Duration.ofHours(24)))));
    }

    @Test
    void dueTicketsArePagedAndEveryShardIsReadToItsEnd() {
        Spread spread = nineTicketsOverFourShards();
        QueryCounter counter = new QueryCounter();
        try (DynamoDbClient counted = TestDynamo.client(counter)) {
            DynamoClosingStore paged = new DynamoClosingStore(counted, spread.tables().contacts(), 2);

            List<DueTicket> due = all(paged.dueBy(HORIZON));

            assertEquals(spread.inWindowEndOrder(), due.stream().map(DueTicket::id).toList());
            // a full page always carries a LastEvaluatedKey, so a shard of n items takes n/2 + 1 pages
            int pages = spread.perShard().values().stream().mapToInt(n -> n / 2 + 1).sum();
            assertEquals(pages, counter.queries());
            assertTrue(counter.limits.stream().allMatch(limit -> limit == 2), counter.limits.toString());
            assertTrue(counter.itemCounts.stream().allMatch(count -> count <= 2), counter.itemCounts.toString());
            assertEquals(9, counter.itemCounts.stream().mapToInt(Integer::intValue).sum());
        }
    }

    @Test
    void dueTicketsAreReadLazilyTakingOneReadsOnlyTheFirstPageOfEachShard() {
        Spread spread = nineTicketsOverFourShards();
        QueryCounter counter = new QueryCounter();
        try (DynamoDbClient counted = TestDynamo.client(counter)) {
            DynamoClosingStore paged = new DynamoClosingStore(counted, spread.tables().contacts(), 2);

            Iterator<DueTicket> due = paged.dueBy(HORIZON);
            assertEquals(0, counter.queries());
            assertEquals(spread.inWindowEndOrder().get(0), due.next().id());
            assertEquals(4, counter.queries());
            // a page of up to two from each shard, and no more: the shards of three are not read to their end
            int firstPages = spread.perShard().values().stream().mapToInt(n -> Math.min(n, 2)).sum();
            assertEquals(firstPages, counter.itemCounts.stream().mapToInt(Integer::intValue).sum());
            assertTrue(firstPages < 9, "some tickets are left unread: " + spread.perShard());

            assertEquals(spread.inWindowEndOrder().get(1), due.next().id());
            assertEquals(4, counter.queries(), "the first pages still hold the next items");
        }
    }

    @Test
    void aClosedTicketLeavesTheDueIndex() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        TicketId bruno = wrote("5521912345678", "wamid.B1", T0.plusSeconds(60));
        assertEquals(Set.of(ana.value(), bruno.value()), dueIndex());

        Instant closedAt = T0.plus(Duration.ofHours(23));
        assertEquals(CloseOutcome.CLOSED, closings.close(ANA_KEY, ana, guardClosing(closedAt),
                new CloseCondition.Unchanged(T0)));

        assertEquals(Set.of(bruno.value()), dueIndex());
        assertEquals(List.of(bruno), all(closings.dueBy(HORIZON)).stream().map(DueTicket::id).toList());
        Ticket closed = stored(ANA_KEY, ana);
        assertEquals(TicketStatus.CLOSED, closed.status());
        assertEquals(Optional.of(guardClosing(closedAt)), closed.closing());
    }

    @Test
    void aScheduledCloseSitsInItsIndexUntilCancelled() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        Instant at = T0.plus(Duration.ofHours(2));
        assertEquals(Set.of(), scheduledIndex());

        assertEquals(ScheduleOutcome.SCHEDULED, closings.scheduleClose(ANA_KEY, ana, scheduled(at, true, T0.plusSeconds(60))));

        assertEquals(Set.of(ana.value()), scheduledIndex());
        assertEquals(Optional.of(scheduled(at, true, T0.plusSeconds(60))), stored(ANA_KEY, ana).scheduledClose());
        assertEquals(List.of(), all(closings.scheduledBy(at.minusSeconds(1))));
        assertEquals(List.of(new DueClose(ANA_KEY, ana, at)), all(closings.scheduledBy(at)));

        assertEquals(CancelOutcome.NOT_SCHEDULED, closings.cancelScheduledClose(ANA_KEY, ana, Optional.of(at.plusSeconds(1))));
        assertEquals(Set.of(ana.value()), scheduledIndex());
        assertEquals(CancelOutcome.CANCELLED, closings.cancelScheduledClose(ANA_KEY, ana, Optional.of(at)));

        assertEquals(Set.of(), scheduledIndex());
        assertEquals(Optional.empty(), stored(ANA_KEY, ana).scheduledClose());
        assertEquals(CancelOutcome.NOT_SCHEDULED, closings.cancelScheduledClose(ANA_KEY, ana, Optional.empty()));
        assertEquals(Set.of(ana.value()), dueIndex());
    }

    @Test
    void aScheduledCloseLeavesItsIndexWhenTheTicketClosesAnotherWay() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        closings.scheduleClose(ANA_KEY, ana, scheduled(T0.plus(Duration.ofHours(20)), false, T0.plusSeconds(60)));
        assertEquals(Set.of(ana.value()), scheduledIndex());

        assertEquals(CloseOutcome.CLOSED, closings.close(ANA_KEY, ana, guardClosing(T0.plus(Duration.ofHours(1))),
                new CloseCondition.WhileOpen()));

        assertEquals(Set.of(), scheduledIndex());
        assertEquals(Set.of(), dueIndex());
        assertEquals(List.of(), all(closings.scheduledBy(T0.plus(Duration.ofHours(30)))));
        assertEquals(Optional.empty(), stored(ANA_KEY, ana).scheduledClose());
        assertEquals(Optional.empty(), stored(ANA_KEY, ana).pendingClose());
        assertEquals(CancelOutcome.ALREADY_CLOSED, closings.cancelScheduledClose(ANA_KEY, ana, Optional.empty()));
        assertEquals(ScheduleOutcome.ALREADY_CLOSED, closings.scheduleClose(ANA_KEY, ana,
                scheduled(T0.plus(Duration.ofHours(2)), false, T0.plus(Duration.ofHours(1)))));
        assertEquals(Set.of(), scheduledIndex());
    }

    @Test
    void aCloseAsScheduledTakesTheTicketOutOfBothIndexes() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        ScheduledClose close = scheduled(T0.plus(Duration.ofHours(2)), true, T0.plusSeconds(60));
        closings.scheduleClose(ANA_KEY, ana, close);

        assertEquals(CloseOutcome.CLOSED, closings.close(ANA_KEY, ana, new Closing(CloseReason.SCHEDULED, close.at(), BIA,
                WindowState.OPEN, ClosingMessage.PENDING), new CloseCondition.AsScheduled(close)));

        assertEquals(Set.of(), scheduledIndex());
        assertEquals(Set.of(), dueIndex());
        assertEquals(CloseReason.SCHEDULED, stored(ANA_KEY, ana).closing().orElseThrow().reason());
    }

    @Test
    void aCloseOfATicketThatDoesNotExistIsNotFound() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        TicketId unknown = TicketId.openedBy(ANA_KEY, "wamid.never");
        Closing closing = guardClosing(T0.plus(Duration.ofHours(23)));

        assertEquals(CloseOutcome.NOT_FOUND, closings.close(ANA_KEY, unknown, closing, new CloseCondition.WhileOpen()));
        assertEquals(CloseOutcome.NOT_FOUND, closings.close(contact("5599000000000"), ana, closing,
                new CloseCondition.Unchanged(T0)));
        assertEquals(ScheduleOutcome.NOT_FOUND, closings.scheduleClose(ANA_KEY, unknown,
                scheduled(T0.plusSeconds(600), true, T0)));
        assertEquals(CancelOutcome.NOT_FOUND, closings.cancelScheduledClose(ANA_KEY, unknown, Optional.empty()));
        assertEquals(Optional.empty(), closings.ticket(ANA_KEY, unknown));
        assertTrue(desk.contactItem(ANA, "TICKET#" + unknown.value()).isEmpty(), "no ticket item was created");
    }

    @Test
    void aSecondCloseFindsTheTicketAlreadyClosedAndChangesNothing() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        Closing first = guardClosing(T0.plus(Duration.ofHours(23)));
        assertEquals(CloseOutcome.CLOSED, closings.close(ANA_KEY, ana, first, new CloseCondition.Unchanged(T0)));

        Closing second = new Closing(CloseReason.AGENT, T0.plus(Duration.ofHours(23)).plusSeconds(5), BIA,
                WindowState.OPEN, ClosingMessage.PENDING);
        assertEquals(CloseOutcome.ALREADY_CLOSED, closings.close(ANA_KEY, ana, second, new CloseCondition.WhileOpen()));
        assertEquals(CloseOutcome.ALREADY_CLOSED, closings.close(ANA_KEY, ana, second, new CloseCondition.Unchanged(T0)));

        assertEquals(Optional.of(first), stored(ANA_KEY, ana).closing());
    }

    @Test
    void theGuardsCloseFailsOnceTheCustomerWroteSinceTheTicketWasRead() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        wrote(ANA, "wamid.A2", T0.plus(Duration.ofHours(22)));

        assertEquals(CloseOutcome.CUSTOMER_WROTE, closings.close(ANA_KEY, ana, guardClosing(T0.plus(Duration.ofHours(23))),
                new CloseCondition.Unchanged(T0)));

        Ticket open = stored(ANA_KEY, ana);
        assertTrue(open.isOpen());
        assertEquals(T0.plus(Duration.ofHours(22)), open.lastInboundAt());
        assertEquals(Optional.empty(), open.closing());
        assertEquals(Set.of(ana.value()), dueIndex());
        DueTicket due = all(closings.dueBy(T0.plus(Duration.ofHours(48)))).get(0);
        assertEquals(T0.plus(Duration.ofHours(22)), due.lastInboundAt());
    }

    @Test
    void aScheduledCloseThatWasCancelledOrMovedIsAScheduleChange() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        ScheduledClose first = scheduled(T0.plus(Duration.ofHours(2)), false, T0.plusSeconds(60));
        closings.scheduleClose(ANA_KEY, ana, first);
        ScheduledClose moved = scheduled(T0.plus(Duration.ofHours(3)), false, T0.plusSeconds(120));
        closings.scheduleClose(ANA_KEY, ana, moved);
        Closing closing = new Closing(CloseReason.SCHEDULED, first.at(), BIA, WindowState.OPEN, ClosingMessage.NONE);

        assertEquals(CloseOutcome.SCHEDULE_CHANGED, closings.close(ANA_KEY, ana, closing, new CloseCondition.AsScheduled(first)));

        closings.cancelScheduledClose(ANA_KEY, ana, Optional.empty());
        assertEquals(CloseOutcome.SCHEDULE_CHANGED, closings.close(ANA_KEY, ana, closing, new CloseCondition.AsScheduled(moved)));
        assertTrue(stored(ANA_KEY, ana).isOpen());
    }

    @Test
    void aScheduledCloseGivesWayToAReplyOnlyWhenAskedTo() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        ScheduledClose givesWay = scheduled(T0.plus(Duration.ofHours(2)), true, T0.plusSeconds(60));
        closings.scheduleClose(ANA_KEY, ana, givesWay);
        wrote(ANA, "wamid.A2", T0.plus(Duration.ofHours(1)));
        Closing closing = new Closing(CloseReason.SCHEDULED, givesWay.at(), BIA, WindowState.OPEN, ClosingMessage.NONE);

        assertEquals(CloseOutcome.CUSTOMER_WROTE, closings.close(ANA_KEY, ana, closing, new CloseCondition.AsScheduled(givesWay)));
        assertTrue(stored(ANA_KEY, ana).isOpen());

        ScheduledClose regardless = scheduled(T0.plus(Duration.ofHours(2)), false, T0.plusSeconds(60));
        closings.scheduleClose(ANA_KEY, ana, regardless);
        assertEquals(CloseOutcome.CLOSED, closings.close(ANA_KEY, ana, closing, new CloseCondition.AsScheduled(regardless)));
    }

    @Test
    void aCustomerMessageInTheRequestsOwnSecondCancelsTheScheduledClose() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        Instant requestedAt = T0.plusSeconds(60);
        ScheduledClose givesWay = scheduled(T0.plus(Duration.ofHours(2)), true, requestedAt);
        closings.scheduleClose(ANA_KEY, ana, givesWay);
        wrote(ANA, "wamid.A2", requestedAt);
        Closing closing = new Closing(CloseReason.SCHEDULED, givesWay.at(), BIA, WindowState.OPEN, ClosingMessage.NONE);

        assertEquals(CloseOutcome.CUSTOMER_WROTE, closings.close(ANA_KEY, ana, closing, new CloseCondition.AsScheduled(givesWay)));
        assertTrue(stored(ANA_KEY, ana).isOpen());
    }

    @Test
    void aWindowIsMarkedExpiringOnceAndANewWindowAgain() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        Instant markAt = T0.plus(Duration.ofMinutes(23 * 60 + 30));

        assertTrue(closings.markExpiring(ANA_KEY, ana, T0, markAt));
        assertFalse(closings.markExpiring(ANA_KEY, ana, T0, markAt.plusSeconds(60)));
        assertTrue(all(closings.dueBy(HORIZON)).get(0).markedExpiring());

        Instant wroteAgain = T0.plus(Duration.ofMinutes(23 * 60 + 40));
        wrote(ANA, "wamid.A2", wroteAgain);
        DueTicket newWindow = all(closings.dueBy(wroteAgain.plus(Duration.ofHours(24)))).get(0);
        assertEquals(wroteAgain, newWindow.lastInboundAt());
        assertFalse(newWindow.markedExpiring());
        assertFalse(closings.markExpiring(ANA_KEY, ana, T0, markAt.plusSeconds(700)), "a mark for the old window");

        Instant markAgainAt = wroteAgain.plus(Duration.ofMinutes(23 * 60 + 30));
        assertTrue(closings.markExpiring(ANA_KEY, ana, wroteAgain, markAgainAt));
        assertFalse(closings.markExpiring(ANA_KEY, ana, wroteAgain, markAgainAt.plusSeconds(60)));
        assertTrue(all(closings.dueBy(wroteAgain.plus(Duration.ofHours(24)))).get(0).markedExpiring());
    }

    @Test
    void aClosedTicketIsNeverMarked() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        closings.close(ANA_KEY, ana, guardClosing(T0.plus(Duration.ofHours(23))), new CloseCondition.WhileOpen());

        assertFalse(closings.markExpiring(ANA_KEY, ana, T0, T0.plus(Duration.ofHours(23))));
        assertFalse(closings.markExpiring(ANA_KEY, TicketId.openedBy(ANA_KEY, "wamid.never"), T0, T0));
    }

    @Test
    void whatBecameOfTheMessagesIsKeptOnTheTicket() {
        TicketId ana = wrote(ANA, "wamid.A1", T0);
        closings.markExpiring(ANA_KEY, ana, T0, T0.plus(Duration.ofHours(23)));
        closings.recordNudge(ANA_KEY, ana, T0.plus(Duration.ofHours(23)), ClosingMessage.sent("wamid.N1"));
        closings.close(ANA_KEY, ana, new Closing(CloseReason.WINDOW_GUARD, T0.plus(Duration.ofHours(23)), Closing.JANELA,
                WindowState.OPEN, ClosingMessage.PENDING), new CloseCondition.Unchanged(T0));
        assertEquals(ClosingMessage.PENDING, stored(ANA_KEY, ana).closing().orElseThrow().message());

        closings.recordClosingMessage(ANA_KEY, ana, ClosingMessage.sent("wamid.C1"));

        assertEquals(ClosingMessage.sent("wamid.C1"), stored(ANA_KEY, ana).closing().orElseThrow().message());
        Map<String, AttributeValue> item = desk.contactItem(ANA, "TICKET#" + ana.value());
        assertEquals("SENT", item.get("nudge").s());
        assertEquals("wamid.N1", item.get("nudgeDetail").s());
        closings.recordClosingMessage(ANA_KEY, TicketId.openedBy(ANA_KEY, "wamid.never"), ClosingMessage.sent("wamid.X"));
        assertTrue(desk.contactItem(ANA, "TICKET#" + TicketId.openedBy(ANA_KEY, "wamid.never").value()).isEmpty());
    }
}
