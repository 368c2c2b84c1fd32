package io.janela.benchmark;

import static io.janela.support.MetaPayloads.notification;
import io.janela.support.TestContacts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.adapters.dynamodb.DynamoTicketListStore;
import io.janela.adapters.dynamodb.DynamoTeamStore;
import io.janela.application.desk.DeskReads;
import io.janela.application.desk.TicketList;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.desk.TicketListing;
import io.janela.domain.desk.TicketListing.Order;
import io.janela.domain.desk.TicketListing.View;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.ticket.ProtocolNumber;
import io.janela.domain.ticket.TicketId;
import io.janela.support.CapacityMeter;
import io.janela.support.DeskTicketWrites;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads;
import io.janela.support.MutableClock;
import io.janela.support.TestDynamo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Measures, does not judge: what a page of the desk's ticket list costs in DynamoDB with 5,000
 * tickets open and 50,000 closed, for each view and order, a tag filter and searches, beside the
 * naive "Scan the table, filter and sort in code"; and what the desk's indexes add to the write of a
 * customer message. The contacts table is seeded with clones of what the real ingest and the desk's
 * writers (assignment, close) leave for a contact: profile, window, ticket and message in its partition,
 * and the link from its phone number to its key; clone {@code n} is the contact
 * {@link TestContacts#madeUp}{@code (n)}. Run it with
 * {@code ./mvnw test -Dtest=TicketListBenchmark}; it prints its tables and writes
 * target/benchmark/tickets.md. It is not part of the test suite.
 */
class TicketListBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final int LIVE = 5_000;
    private static final int CLOSED = 50_000;
    private static final int PAGE = 25;
    private static final int AGENTS = 20;
    private static final int DEPARTMENTS = 5;
    private static final String CALLER = agent(0);
    private static final int BATCH_WRITE = 25;
    private static final int THREADS = 4;
    private static final List<String> DESK_INDEXES = List.of("DeskByActivity", "DeskByOpening", "AgentTickets",
            "DepartmentTickets", "WaitingTickets");

    private final StringBuilder report = new StringBuilder();

    @Test
    void listPagesBesideAScanAndWhatTheIndexesAddToAMessage() throws IOException {
        long started = System.nanoTime();
        writeCosts();
        lists();
        report.append(String.format(Locale.ROOT, "%nWhole benchmark: %.0f s.%n", (System.nanoTime() - started) / 1e9));
        Path out = Path.of("target/benchmark/tickets.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private static String agent(int i) {
        return String.format(Locale.ROOT, "agent%02d@desk.example", i);
    }

    private static String department(int i) {
        return "dept" + i;
    }

    // ---------------------------------------------------------------- what a customer message costs

    /** The kinds of ticket a message can join, as the desk's writers leave them. */
    private enum Kind {
        UNASSIGNED, QUEUED, SERVED, BY_HAND, CLOSED
    }

    private void writeCosts() {
        Map<String, Double> with = messageCosts(TestDynamo.freshTables());
        TestDynamo.Tables bare = TestDynamo.freshTables();
        try (DynamoDbClient dynamo = TestDynamo.client()) {
            for (String index : DESK_INDEXES) {
                dynamo.updateTable(request -> request.tableName(bare.contacts()).globalSecondaryIndexUpdates(
                        GlobalSecondaryIndexUpdate.builder().delete(delete -> delete.indexName(index)).build()));
                for (int wait = 0; indexes(dynamo, bare.contacts()).contains(index); wait++) {
                    assertTrue(wait < 100, "the index " + index + " goes");
                    sleep(50); // one index change at a time per table
                }
            }
            assertEquals(List.of("DueTickets", "ScheduledCloses"), indexes(dynamo, bare.contacts()));
        }
        Map<String, Double> without = messageCosts(bare);
        report.append("Write units per event (DynamoDB Local, ReturnConsumedCapacity INDEXES), the contacts table without"
                        + " the desk's five indexes (DeskByActivity, DeskByOpening, AgentTickets, DepartmentTickets,"
                        + " WaitingTickets) and with them:\n\n")
                .append("| event | without | with | added | where the difference goes (with) |\n")
                .append("| --- | ---: | ---: | ---: | --- |\n");
        for (String event : with.keySet().stream().filter(key -> !key.contains("|")).sorted(Comparator
                .comparing(EVENTS::indexOf)).toList()) {
            double before = without.get(event);
            double after = with.get(event);
            StringBuilder where = new StringBuilder();
            with.keySet().stream().filter(key -> key.startsWith(event + "|")).sorted().forEach(key ->
                    where.append(where.isEmpty() ? "" : ", ").append(key.substring(event.length() + 1)).append(' ')
                            .append(String.format(Locale.ROOT, "%.1f", with.get(key))));
            report.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %+.1f | %s |%n", event, before, after,
                    after - before, where));
        }
        report.append('\n');
    }

    private static final List<String> EVENTS = List.of(
            "text message, opens a ticket",
            "text message, joins an unassigned ticket",
            "text message, joins a ticket waiting in a department",
            "text message, joins a ticket an agent holds in a department",
            "text message, joins a ticket an agent holds (by hand, no department)",
            "assignment of a waiting ticket in a department to an agent (rules)",
            "an agent closes an assigned ticket in a department");

    /** Each event's write units on these tables, and per index ("event|index"). */
    private static Map<String, Double> messageCosts(TestDynamo.Tables tables) {
        MutableClock clock = new MutableClock(NOW);
        IndexCapacity meter = new IndexCapacity();
        Map<String, Double> costs = new HashMap<>();
        try (IngestHarness desk = new IngestHarness(tables, clock, meter)) {
            DeskTicketWrites writes = new DeskTicketWrites(desk.dynamo, tables.contacts());
            Instant first = NOW.minus(Duration.ofHours(1));
            for (int i = 0; i < 4; i++) {
                desk.deliver(notification().text("551190000000" + i, "Cliente", "wamid.W" + i, first, "Oi"));
            }
            meter.measure(costs, EVENTS.get(0), () ->
                    desk.deliver(notification().text("5511900000009", "Cliente", "wamid.W9", first, "Oi")));
            ContactKey queued = contact("5511900000001");
            ContactKey served = contact("5511900000002");
            ContactKey byHand = contact("5511900000003");
            writes.toDepartment(queued, ticket(desk, queued), "billing", NOW);
            writes.toDepartment(served, ticket(desk, served), "billing", NOW);
            meter.measure(costs, EVENTS.get(5), () -> writes.toAgent(served, ticket(desk, served), agent(1), NOW));
            writes.byHandToAgent(byHand, ticket(desk, byHand), agent(2), NOW);
            Instant later = first.plus(Duration.ofMinutes(10));
            meter.measure(costs, EVENTS.get(1), () ->
                    desk.deliver(notification().text("5511900000000", "Cliente", "wamid.J0", later, "Alô?")));
            meter.measure(costs, EVENTS.get(2), () ->
                    desk.deliver(notification().text("5511900000001", "Cliente", "wamid.J1", later, "Alô?")));
            meter.measure(costs, EVENTS.get(3), () ->
                    desk.deliver(notification().text("5511900000002", "Cliente", "wamid.J2", later, "Alô?")));
            meter.measure(costs, EVENTS.get(4), () ->
                    desk.deliver(notification().text("5511900000003", "Cliente", "wamid.J3", later, "Alô?")));
            meter.measure(costs, EVENTS.get(6), () -> writes.close(served, ticket(desk, served), agent(1), NOW));
        }
        return costs;
    }

    private static List<String> indexes(DynamoDbClient dynamo, String table) {
        return dynamo.describeTable(request -> request.tableName(table)).table().globalSecondaryIndexes().stream()
                .map(index -> index.indexName()).sorted().toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ContactKey contact(String waId) {
        return TestContacts.key(waId);
    }

    private static TicketId ticket(IngestHarness desk, ContactKey contact) {
        return desk.contacts.findContact(contact).orElseThrow().openTicket().orElseThrow().id();
    }

    /** Write units by index as DynamoDB reports them ({@code ReturnConsumedCapacity=INDEXES}). */
    private static final class IndexCapacity implements ExecutionInterceptor {
        private final CapacityMeter total = new CapacityMeter();
        private final Map<String, DoubleAdder> byIndex = new ConcurrentHashMap<>();

        void measure(Map<String, Double> costs, String event, Runnable action) {
            total.reset();
            byIndex.clear();
            action.run();
            costs.put(event, total.writeUnits());
            byIndex.forEach((index, units) -> costs.put(event + "|" + index, units.sum()));
        }

        @Override
        public software.amazon.awssdk.core.SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            return total.modifyRequest(context, attributes);
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            total.afterExecution(context, attributes);
            Object response = context.response();
            List<ConsumedCapacity> capacities = List.of();
            if (response instanceof UpdateItemResponse update && update.consumedCapacity() != null) {
                capacities = List.of(update.consumedCapacity());
            } else if (response instanceof PutItemResponse put && put.consumedCapacity() != null) {
                capacities = List.of(put.consumedCapacity());
            } else if (response instanceof TransactWriteItemsResponse transaction) {
                capacities = transaction.consumedCapacity();
            } else if (response instanceof BatchWriteItemResponse batch) {
                capacities = batch.consumedCapacity();
            }
            for (ConsumedCapacity capacity : capacities) {
                add("table", capacity.table());
                if (capacity.globalSecondaryIndexes() != null) {
                    capacity.globalSecondaryIndexes().forEach(this::add);
                }
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            total.onExecutionFailure(context, attributes);
        }

        private void add(String where, Capacity capacity) {
            if (capacity != null && capacity.capacityUnits() != null && capacity.capacityUnits() > 0) {
                byIndex.computeIfAbsent(where, key -> new DoubleAdder()).add(capacity.capacityUnits());
            }
        }
    }

    // ---------------------------------------------------------------- what a page of the list costs

    private record Case(String label, TicketListing listing, int page) {
        Case(String label, TicketListing listing) {
            this(label, listing, 1);
        }
    }

    private record Row(String label, long queries, long scans, long others, double readUnits, double millis,
            long itemsRead, long rows) {
    }

    private void lists() {
        TestDynamo.Tables tables = TestDynamo.freshTables();
        MutableClock clock = new MutableClock(NOW);
        CapacityMeter capacity = new CapacityMeter();
        Tally tally = new Tally();
        List<Row> rows = new ArrayList<>();
        try (DynamoDbClient seeder = TestDynamo.client();
                IngestHarness desk = new IngestHarness(tables, clock, capacity, tally)) {
            Templates templates = Templates.capture();
            stream(seeder, tables.contacts(), false);
            Seeded seeded = seed(seeder, tables.contacts(), templates);
            stream(seeder, tables.contacts(), true);
            DynamoTeamStore team = new DynamoTeamStore(desk.dynamo, tables.directory());
            for (int i = 0; i < AGENTS; i++) {
                desk.directory.putAgent(new Agent(agent(i), "Agent " + i, AgentStatus.ONLINE, false));
            }
            for (int d = 0; d < DEPARTMENTS; d++) {
                int dept = d;
                team.putDepartment(new Department(department(d), "Department " + d, Department.Strategy.RANDOM,
                        IntStream.range(0, AGENTS).filter(i -> i % DEPARTMENTS == dept).mapToObj(TicketListBenchmark::agent)
                                .toList(), Optional.empty(), Optional.empty()), "admin@desk.example", NOW);
            }
            TicketList list = new TicketList(new DynamoTicketListStore(desk.dynamo, tables.contacts()), desk.directory, team,
                    new DeskReads(desk.contacts, clock, Duration.ofMinutes(30)));

            List<Case> cases = cases();
            cases.forEach(listed -> page(list, listed, capacity, tally)); // warm-up: JIT, connections, DynamoDB Local
            for (Case listed : cases) {
                rows.add(page(list, listed, capacity, tally));
            }
            rows.addAll(toTheEnd(list, "search by name (a closed contact's: no row), every request to the list's end",
                    listing(View.ALL, Order.RECENT, Optional.empty(), Optional.of(name(LIVE + 7))), capacity, tally));
            rows.add(naive(desk.dynamo, tables.contacts(), "naive Scan: every ticket, sorted in code (all, recent)", false,
                    capacity, tally));
            rows.add(naive(desk.dynamo, tables.contacts(), "naive Scan: tickets not closed (open, mine, search ...)", true,
                    capacity, tally));
            table(rows, seeded);
        }
    }

    private static TicketListing listing(View view, Order order, Optional<String> tag, Optional<String> search) {
        return new TicketListing(view, Optional.empty(), Optional.empty(), tag, order, search, PAGE);
    }

    private static List<Case> cases() {
        Optional<String> none = Optional.empty();
        int unassigned = IntStream.iterate(LIVE - 1, n -> n - 1).filter(n -> Traits.of(n).kind() == Kind.UNASSIGNED)
                .findFirst().orElseThrow(); // a recent ticket in the caller's open view
        return List.of(
                new Case("all, recent", listing(View.ALL, Order.RECENT, none, none)),
                new Case("all, recent, page 100 (after 99 pages)", listing(View.ALL, Order.RECENT, none, none), 100),
                new Case("all, oldest", listing(View.ALL, Order.OLDEST, none, none)),
                new Case("all, opened-recent", listing(View.ALL, Order.OPENED_RECENT, none, none)),
                new Case("all, opened-oldest", listing(View.ALL, Order.OPENED_OLDEST, none, none)),
                new Case("open (caller in 1 department), recent", listing(View.OPEN, Order.RECENT, none, none)),
                new Case("open, opened-oldest", listing(View.OPEN, Order.OPENED_OLDEST, none, none)),
                new Case("mine, recent", listing(View.MINE, Order.RECENT, none, none)),
                new Case("mine, opened-recent", listing(View.MINE, Order.OPENED_RECENT, none, none)),
                new Case("in-service, recent", listing(View.IN_SERVICE, Order.RECENT, none, none)),
                new Case("in-service, agent filter", new TicketListing(View.IN_SERVICE, none, Optional.of(agent(7)), none,
                        Order.RECENT, none, PAGE)),
                new Case("all, department filter", new TicketListing(View.ALL, Optional.of(department(3)), none, none,
                        Order.RECENT, none, PAGE)),
                new Case("all, tag filter (2% of tickets)", listing(View.ALL, Order.RECENT, Optional.of("vip"), none)),
                new Case("open, tag filter", listing(View.OPEN, Order.RECENT, Optional.of("vip"), none)),
                new Case("search by name (one live ticket)", listing(View.ALL, Order.RECENT, none, Optional.of(name(LIVE / 2)))),
                new Case("search by phone", listing(View.ALL, Order.RECENT, none, Optional.of(waId(LIVE - 3)))),
                new Case("search by protocol", listing(View.OPEN, Order.RECENT, none,
                        Optional.of(protocol(unassigned, liveLastInbound(unassigned))))),
                new Case("all, recent, a page of 100", new TicketListing(View.ALL, none, none, none, Order.RECENT, none, 100)));
    }

    /** One page of the case: the cursor is followed (unmeasured) to the page measured. */
    private static Row page(TicketList list, Case listed, CapacityMeter capacity, Tally tally) {
        Optional<String> cursor = Optional.empty();
        for (int page = 1; page < listed.page(); page++) {
            cursor = ((TicketList.Page) list.list(Optional.of(CALLER), listed.listing(), cursor)).cursor();
            assertTrue(cursor.isPresent(), listed.label());
        }
        capacity.reset();
        tally.reset();
        long start = System.nanoTime();
        TicketList.Result result = list.list(Optional.of(CALLER), listed.listing(), cursor);
        double millis = (System.nanoTime() - start) / 1e6;
        TicketList.Page page = assertInstanceOf(TicketList.Page.class, result);
        assertTrue(tally.count("Scan") == 0, "no Scan");
        return new Row(listed.label(), tally.count("Query"), 0, tally.count("other"), capacity.readUnits(), millis,
                tally.count("itemsRead"), page.rows().size());
    }

    /** Every request of a sparse list until its end, one row for the whole run. */
    private static List<Row> toTheEnd(TicketList list, String label, TicketListing listing, CapacityMeter capacity,
            Tally tally) {
        capacity.reset();
        tally.reset();
        long start = System.nanoTime();
        Optional<String> cursor = Optional.empty();
        int requests = 0;
        long found = 0;
        do {
            TicketList.Page page = (TicketList.Page) list.list(Optional.of(CALLER), listing, cursor);
            found += page.rows().size();
            cursor = page.cursor();
            requests++;
        } while (cursor.isPresent());
        double millis = (System.nanoTime() - start) / 1e6;
        return List.of(new Row(label + String.format(Locale.ROOT, " (%d requests)", requests), tally.count("Query"), 0,
                tally.count("other"), capacity.readUnits(), millis, tally.count("itemsRead"), found));
    }

    /** What desks do without an index: read every item, keep the tickets, sort, cut the page. */
    private static Row naive(DynamoDbClient dynamo, String table, String label, boolean notClosed, CapacityMeter capacity,
            Tally tally) {
        capacity.reset();
        tally.reset();
        long start = System.nanoTime();
        List<Map<String, AttributeValue>> tickets = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            ScanResponse page = dynamo.scan(ScanRequest.builder()
                    .tableName(table)
                    .filterExpression("begins_with(sk, :ticket)" + (notClosed ? " AND #status <> :closed" : ""))
                    .expressionAttributeNames(notClosed ? Map.of("#status", "status") : null)
                    .expressionAttributeValues(notClosed
                            ? Map.of(":ticket", AttributeValue.fromS("TICKET#"), ":closed", AttributeValue.fromS("CLOSED"))
                            : Map.of(":ticket", AttributeValue.fromS("TICKET#")))
                    .exclusiveStartKey(startKey)
                    .build());
            tickets.addAll(page.items());
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        List<Map<String, AttributeValue>> first = tickets.stream()
                .sorted(Comparator.comparingLong((Map<String, AttributeValue> item) -> Long.parseLong(item.get("lastInboundAt").n()))
                        .reversed())
                .limit(PAGE)
                .toList();
        double millis = (System.nanoTime() - start) / 1e6;
        assertEquals(notClosed ? LIVE : LIVE + CLOSED, tickets.size(), label);
        return new Row(label, 0, tally.count("Scan"), tally.count("other"), capacity.readUnits(), millis,
                tally.count("itemsRead"), first.size());
    }

    private void table(List<Row> rows, Seeded seeded) {
        report.append(String.format(Locale.ROOT, "One page of %d rows of GET /tickets (service and adapter, caller %s),"
                        + " %,d tickets open and %,d closed (%,d items in the contacts table); DynamoDB Local in this JVM,"
                        + " %d cores:%n%n", PAGE, CALLER, LIVE, CLOSED, seeded.items(),
                Runtime.getRuntime().availableProcessors()))
                .append("| list | Query | Scan | other requests | read units | ms | items read | rows |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row row : rows) {
            report.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,.1f | %,.1f | %,d | %,d |%n", row.label(),
                    row.queries(), row.scans(), row.others(), row.readUnits(), row.millis(), row.itemsRead(), row.rows()));
        }
        report.append(String.format(Locale.ROOT, "%nSeeding (BatchWriteItem from %d threads, stream off): %.1f s.%n",
                THREADS, seeded.millis() / 1e3));
        report.append("""

                - Other requests: the caller's agent record (GetItem) for open and mine, and the departments \
                (one Query of the directory table) for open.
                - Items read: ticket index entries the Queries read (a filter drops entries after reading, and billing, \
                them), or items the Scan read (every item of the table: profiles, windows, messages and identity links too).
                - A list of every ticket (all, no search) reads the LIVE and the CLOSED partition and merges them: \
                two Queries of 26 entries for a page of 25.
                - Capacity as DynamoDB Local reports it, by AWS's formulas (Query and Scan: 0.5 read unit per 4 KB, \
                eventually consistent). Wall time is DynamoDB Local's in the same JVM; compare read units.
                """);
    }

    /** Query, Scan and other requests, and the items Queries and Scans read. */
    private static final class Tally implements ExecutionInterceptor {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        void reset() {
            counts.clear();
        }

        long count(String kind) {
            LongAdder count = counts.get(kind);
            return count == null ? 0 : count.sum();
        }

        private void add(String kind, long amount) {
            counts.computeIfAbsent(kind, key -> new LongAdder()).add(amount);
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            Object response = context.response();
            Object request = context.request();
            boolean deskIndex = request instanceof QueryRequest query && query.indexName() != null;
            if (deskIndex && response instanceof QueryResponse query) {
                add("itemsRead", query.scannedCount());
            } else if (response instanceof ScanResponse scan) {
                add("itemsRead", scan.scannedCount());
            }
            add(deskIndex ? "Query" : request instanceof ScanRequest ? "Scan" : "other", 1);
        }
    }

    // ---------------------------------------------------------------- the seeded desk

    private static String waId(int n) {
        return String.format(Locale.ROOT, "55119%08d", n);
    }

    private static String name(int n) {
        return String.format(Locale.ROOT, "Cliente %05d", n);
    }

    /** Open tickets' last messages spread over the last 23 hours; closed ones' over 30 days before. */
    private static Instant liveLastInbound(int n) {
        return NOW.minus(Duration.ofHours(23)).plusSeconds(n * Duration.ofHours(23).toSeconds() / LIVE);
    }

    private static Instant lastInbound(int n) {
        if (n < LIVE) {
            return liveLastInbound(n);
        }
        long span = Duration.ofDays(30).toSeconds();
        return NOW.minus(Duration.ofDays(30)).plusSeconds((long) (n - LIVE) * span / CLOSED);
    }

    /** Opened up to 4 hours before the last message, so opening order differs from activity order. */
    private static Instant openedAt(int n) {
        return lastInbound(n).minus(Duration.ofMinutes(Traits.of(n).openedBefore()));
    }

    private static String protocol(int n, Instant lastInbound) {
        return ProtocolNumber.of(ProtocolNumber.dayOf(lastInbound), n + 1).value();
    }

    /**
     * Contact n's ticket, drawn from a generator seeded with n (the same every run): 30% unassigned, 20%
     * waiting in a department, 40% held by an agent of its department, 10% given to an agent by hand; all
     * closed ones were served in a department. Department d's agents are those whose number is d modulo 5.
     * 2% carry the tag vip, one in seven refund.
     */
    private record Traits(Kind kind, int department, int agent, int openedBefore, List<String> tags) {
        static Traits of(int n) {
            SplittableRandom random = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
            int draw = random.nextInt(10);
            Kind kind = n >= LIVE ? Kind.CLOSED
                    : draw < 3 ? Kind.UNASSIGNED : draw < 5 ? Kind.QUEUED : draw < 9 ? Kind.SERVED : Kind.BY_HAND;
            int department = random.nextInt(DEPARTMENTS);
            int agent = kind == Kind.BY_HAND ? random.nextInt(AGENTS)
                    : department + DEPARTMENTS * random.nextInt(AGENTS / DEPARTMENTS);
            int openedBefore = random.nextInt(240);
            List<String> tags = new ArrayList<>();
            if (random.nextInt(50) == 0) {
                tags.add("vip");
            }
            if (random.nextInt(7) == 0) {
                tags.add("refund");
            }
            return new Traits(kind, department, agent, openedBefore, List.copyOf(tags));
        }
    }

    /**
     * The partitions the real ingest and the desk's writers leave for one contact of each kind,
     * captured once on tables of their own, to be cloned for every contact of the benchmark.
     */
    private record Templates(Map<Kind, Captured> byKind) {
        private static final Instant CAPTURED_AT = NOW.minus(Duration.ofHours(12));
        private static final String NAME = "Cliente Modelo";
        private static final String AGENT = "agentxx@desk.example";
        private static final String DEPARTMENT = "deptxx";
        private static final Set<String> TIMES = Set.of("openedAt", "lastInboundAt", "dueAt", "closesAt", "expiresAt",
                "sentAt", "receivedAt", "unansweredSince", "queuedAt", "assignedAt", "closedAt", "linkedAt");

        private record Captured(String waId, ContactKey contact, String wamid, TicketId ticket, String protocol,
                List<Map<String, AttributeValue>> items) {
        }

        static Templates capture() {
            Map<Kind, Captured> byKind = new EnumMap<>(Kind.class);
            try (IngestHarness scratch = new IngestHarness(new MutableClock(CAPTURED_AT.plusSeconds(2)))) {
                DeskTicketWrites writes = new DeskTicketWrites(scratch.dynamo, scratch.tables.contacts());
                for (Kind kind : Kind.values()) {
                    String waId = "55119999999" + kind.ordinal();
                    String wamid = "wamid.HBgNTEMPLATE" + kind.ordinal();
                    scratch.deliver(notification().text(waId, NAME, wamid, CAPTURED_AT, "Oi, meu pedido não chegou"));
                    ContactKey contact = contact(waId);
                    TicketId ticket = ticket(scratch, contact);
                    switch (kind) {
                        case UNASSIGNED -> {
                        }
                        case QUEUED -> writes.toDepartment(contact, ticket, DEPARTMENT, CAPTURED_AT);
                        case SERVED, CLOSED -> {
                            writes.toDepartment(contact, ticket, DEPARTMENT, CAPTURED_AT);
                            writes.toAgent(contact, ticket, AGENT, CAPTURED_AT);
                        }
                        case BY_HAND -> writes.byHandToAgent(contact, ticket, AGENT, CAPTURED_AT);
                    }
                    if (kind == Kind.CLOSED) {
                        writes.close(contact, ticket, AGENT, CAPTURED_AT.plusSeconds(1));
                    }
                    List<Map<String, AttributeValue>> items = new ArrayList<>(partition(scratch, "C#" + contact.id()));
                    items.addAll(partition(scratch, "ID#" + MetaPayloads.PHONE_NUMBER_ID + "#P#" + waId));
                    Set<String> sortKeys = Set.copyOf(items.stream().map(item -> item.get("sk").s().replaceAll("#.*", "#")).toList());
                    assertEquals(Set.of("ID", "PROFILE", "TICKET#", "IN#"), sortKeys, kind + ": " + items);
                    String protocol = items.stream().filter(item -> item.containsKey("protocol")).findFirst().orElseThrow()
                            .get("protocol").s();
                    byKind.put(kind, new Captured(waId, contact, wamid, ticket, protocol, items));
                }
            }
            return new Templates(byKind);
        }

        private static List<Map<String, AttributeValue>> partition(IngestHarness scratch, String pk) {
            return scratch.dynamo.query(QueryRequest.builder()
                    .tableName(scratch.tables.contacts())
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                    .build()).items();
        }

        List<Map<String, AttributeValue>> cloneFor(int n) {
            Traits traits = Traits.of(n);
            Captured captured = byKind.get(traits.kind());
            Instant last = lastInbound(n);
            String waId = waId(n);
            String wamid = String.format(Locale.ROOT, "wamid.HBgNLIST%08d", n);
            ContactKey contact = TestContacts.madeUp(n);
            TicketId ticket = TicketId.openedBy(contact, wamid);
            Map<String, String> replace = new HashMap<>();
            replace.put(captured.contact().id(), contact.id());
            replace.put(captured.waId(), waId);
            replace.put(captured.wamid(), wamid);
            replace.put(captured.ticket().value(), ticket.value());
            replace.put(captured.protocol(), protocol(n, last));
            replace.put(NAME, name(n));
            replace.put(NAME.toLowerCase(Locale.ROOT), name(n).toLowerCase(Locale.ROOT));
            replace.put(AGENT, agent(traits.agent()));
            replace.put(DEPARTMENT, department(traits.department()));
            replace.put("\"timestamp\":\"" + CAPTURED_AT.getEpochSecond() + "\"", "\"timestamp\":\"" + last.getEpochSecond() + "\"");
            long shift = last.getEpochSecond() - CAPTURED_AT.getEpochSecond();
            List<Map<String, AttributeValue>> clones = new ArrayList<>();
            for (Map<String, AttributeValue> item : captured.items()) {
                Map<String, AttributeValue> clone = new HashMap<>();
                item.forEach((attribute, value) -> clone.put(attribute, cloneValue(attribute, value, shift, replace)));
                if (clone.get("sk").s().startsWith("TICKET#")) {
                    clone.put("openedAt", AttributeValue.fromN(Long.toString(openedAt(n).getEpochSecond())));
                    clone.put("unansweredSince", AttributeValue.fromN(Long.toString(openedAt(n).getEpochSecond())));
                    if (clone.containsKey("dueShard")) {
                        clone.put("dueShard", AttributeValue.fromS("DUE#" + Math.floorMod(ticket.value().hashCode(), 4)));
                    }
                    if (!traits.tags().isEmpty()) {
                        clone.put("tags", AttributeValue.fromSs(traits.tags()));
                    }
                }
                clones.add(clone);
            }
            return clones;
        }

        private static AttributeValue cloneValue(String attribute, AttributeValue value, long shift,
                Map<String, String> replace) {
            if (value.n() != null) {
                if (!TIMES.contains(attribute)) {
                    throw new IllegalStateException("a number the benchmark cannot clone: " + attribute);
                }
                return AttributeValue.fromN(Long.toString(Long.parseLong(value.n()) + shift));
            }
            if (value.s() == null) {
                return value;
            }
            String text = value.s();
            for (Map.Entry<String, String> entry : replace.entrySet()) {
                text = text.replace(entry.getKey(), entry.getValue());
            }
            return AttributeValue.fromS(text);
        }
    }

    private static void stream(DynamoDbClient dynamo, String table, boolean enabled) {
        dynamo.updateTable(request -> request.tableName(table).streamSpecification(enabled
                ? StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()
                : StreamSpecification.builder().streamEnabled(false).build()));
    }

    /** How long seeding took, and how many items it wrote. */
    private record Seeded(long millis, long items) {
    }

    private static Seeded seed(DynamoDbClient dynamo, String table, Templates templates) {
        long start = System.nanoTime();
        LongAdder items = new LongAdder();
        inParallel(LIVE + CLOSED, (from, to) -> {
            List<Map<String, AttributeValue>> batch = new ArrayList<>();
            for (int n = from; n < to; n++) {
                List<Map<String, AttributeValue>> clones = templates.cloneFor(n);
                items.add(clones.size());
                batch.addAll(clones);
                while (batch.size() >= BATCH_WRITE) {
                    write(dynamo, table, batch.subList(0, BATCH_WRITE));
                    batch.subList(0, BATCH_WRITE).clear();
                }
            }
            if (!batch.isEmpty()) {
                write(dynamo, table, batch);
            }
        });
        return new Seeded((System.nanoTime() - start) / 1_000_000, items.sum());
    }

    private static void inParallel(int count, BiConsumer<Integer, Integer> range) {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        int share = (count + THREADS - 1) / THREADS;
        List<Future<?>> parts = IntStream.range(0, THREADS)
                .<Future<?>>mapToObj(part -> threads.submit(() -> range.accept(part * share, Math.min(count, (part + 1) * share))))
                .toList();
        try {
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (ExecutionException failed) {
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void write(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        Map<String, List<WriteRequest>> pending = Map.of(table, items.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                .toList());
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> requestItems = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(request -> request.requestItems(requestItems));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            if (!pending.isEmpty()) {
                sleep(Math.min(1000, 10L << attempt));
            }
        }
    }
}
