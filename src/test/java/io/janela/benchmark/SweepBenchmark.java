package io.janela.benchmark;

import static io.janela.support.MetaPayloads.notification;
import io.janela.support.TestContacts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.sweep.Sweeper.SweepReport;
import io.janela.application.sweep.TicketCloser.CloseRequest;
import io.janela.application.sweep.TicketCloser.CloseResult;
import io.janela.application.sweep.ClosingStore.CloseCondition;
import io.janela.application.sweep.ClosingStore.DueTicket;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ProtocolNumber;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.support.CapacityMeter;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads;
import io.janela.support.MutableClock;
import io.janela.support.SweepHarness;
import io.janela.support.TestDynamo;
import io.janela.support.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Measures, does not judge: what one sweep costs in DynamoDB when 1,000 of 100,000 open tickets
 * are due, found on the sparse DueTickets index, beside the naive "get all tickets, close the old
 * ones" (a Scan of the contacts table filtered to open tickets, the deadline checked in code,
 * each due ticket closed with the same conditional write). Capacity is what DynamoDB Local
 * reports through ReturnConsumedCapacity, which follows AWS's formulas. The tables are seeded
 * with clones of the partition the real ingest writes for a contact with an open ticket. Run it
 * with {@code ./mvnw test -Dtest=SweepBenchmark}; it prints a table and writes
 * target/benchmark/sweep.md. It is not part of the test suite.
 */
class SweepBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    /** The next scheduled run, with nothing due: every ticket that is not due has hours to go. */
    private static final Instant NEXT_RUN = NOW.plus(Duration.ofMinutes(1));
    /** {@code janela.sweep.close-after}'s default, which the sweeper runs with: it decides which tickets are due. */
    private static final Duration CLOSE_AFTER = Duration.ofHours(23);
    private static final Duration NOT_DUE_SPREAD = Duration.ofHours(22);
    private static final int DUE = 1_000;
    /** The naive sweep closes as many tickets at once as the sweeper does. */
    private static final int CONCURRENCY = TestSettings.janela(Map.of()).sweep().concurrency();
    private static final int BATCH_WRITE = 25;
    private static final int BATCH_GET = 100;
    private static final int THREADS = 4;
    private static final String OPEN_TICKETS = "begins_with(sk, :ticket) AND #status <> :closed";

    @Test
    void indexSweepBesideNaiveScan() throws IOException {
        long started = System.nanoTime();
        ContactPartition partition = ContactPartition.capture();
        measure(new Population(2_000, DUE), partition); // warm-up: JIT, connections, DynamoDB Local
        List<Measured> results = List.of(
                measure(new Population(10_000, DUE), partition),
                measure(new Population(100_000, DUE), partition));
        String report = table(results) + String.format(Locale.ROOT, "%nWhole benchmark, warm-up included: %.0f s.%n",
                (System.nanoTime() - started) / 1e9);
        Path out = Path.of("target/benchmark/sweep.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** One population's four sweeps, and how long seeding it took. */
    private record Measured(Population population, int items, long seedingMillis, List<Row> rows) {
    }

    private Measured measure(Population population, ContactPartition partition) {
        TestDynamo.Tables tables = TestDynamo.freshTables();
        CapacityMeter capacity = new CapacityMeter();
        RequestTally tally = new RequestTally(tables.contacts());
        MutableClock clock = new MutableClock(NOW);
        List<Row> rows = new ArrayList<>();
        try (DynamoDbClient seeder = TestDynamo.client();
                IngestHarness desk = new IngestHarness(tables, clock, capacity, tally)) {
            partition.assertClonesMatchIngest(population);
            stream(seeder, tables.contacts(), false);
            long seeding = seed(seeder, tables.contacts(), population, partition);
            stream(seeder, tables.contacts(), true);
            SweepHarness sweep = new SweepHarness(desk, clock);

            rows.add(timed("index sweep", population, DUE, capacity, tally, () -> {
                SweepReport report = sweep.sweeper.run();
                assertEquals(DUE, report.closed(), "every due ticket closed in one run: " + report);
                assertEquals(0, report.failed());
                assertFalse(report.more(), "nothing left for the next run: " + report);
                return report.closed();
            }));
            assertClosedExactlyTheDue(seeder, tables.contacts(), population, partition);
            clock.set(NEXT_RUN);
            rows.add(timed("index sweep, idle (next run)", population, 0, capacity, tally,
                    () -> sweep.sweeper.run().closed()));

            restoreDueTickets(seeder, tables.contacts(), population, partition);
            clock.set(NOW);
            rows.add(timed("naive scan", population, DUE, capacity, tally,
                    () -> naiveSweep(desk.dynamo, tables.contacts(), sweep, NOW)));
            assertClosedExactlyTheDue(seeder, tables.contacts(), population, partition);
            rows.add(timed("naive scan, idle (next run)", population, 0, capacity, tally,
                    () -> naiveSweep(desk.dynamo, tables.contacts(), sweep, NEXT_RUN)));
            seeder.deleteTable(request -> request.tableName(tables.contacts()));
            seeder.deleteTable(request -> request.tableName(tables.directory()));
            return new Measured(population, population.tickets() * partition.size(), seeding, rows);
        }
    }

    private static Row timed(String approach, Population population, int due, CapacityMeter capacity, RequestTally tally,
            Supplier<Integer> sweep) {
        capacity.reset();
        tally.reset();
        long start = System.nanoTime();
        int closed = sweep.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(due, closed, approach + " closes exactly the due tickets");
        assertEquals(0, capacity.refusals(), approach + ": no conditional write refused");
        return new Row(approach, population.tickets(), due, tally.reads(), tally.closes(), tally.others(),
                capacity.readUnits(), capacity.writeUnits(), millis, tally.itemsRead(), tally.itemsReturned());
    }

    /**
     * What teams do today: list every open ticket, keep those whose customer wrote
     * {@code close-after} ago, close them. The closes are the sweeper's own, as many at once.
     */
    private static int naiveSweep(DynamoDbClient dynamo, String table, SweepHarness sweep, Instant now) {
        List<DueTicket> due = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            ScanResponse page = dynamo.scan(ScanRequest.builder()
                    .tableName(table)
                    .filterExpression(OPEN_TICKETS)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":ticket", AttributeValue.fromS("TICKET#"),
                            ":closed", AttributeValue.fromS(TicketStatus.CLOSED.name())))
                    .exclusiveStartKey(startKey)
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                Instant lastInboundAt = Instant.ofEpochSecond(Long.parseLong(item.get("lastInboundAt").n()));
                if (!now.isBefore(sweep.guard.deadline(lastInboundAt))) {
                    ContactKey contact = new ContactKey(item.get("phoneNumberId").s(), item.get("pk").s().substring("C#".length()));
                    due.add(new DueTicket(contact,
                            new TicketId(item.get("sk").s().substring("TICKET#".length())), lastInboundAt, false));
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return closeAll(due, sweep, now);
    }

    private static int closeAll(List<DueTicket> due, SweepHarness sweep, Instant now) {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<CloseResult>> closes = due.stream().map(ticket -> pool.submit(() -> sweep.closer.close(
                    new CloseRequest(ticket.contact(), ticket.id(), ticket.lastInboundAt(), CloseReason.WINDOW_GUARD,
                            Closing.JANELA, new CloseCondition.Unchanged(ticket.lastInboundAt()), Optional.empty()),
                    now))).toList();
            int closed = 0;
            for (Future<CloseResult> close : closes) {
                closed += close.get().closed() ? 1 : 0;
            }
            return closed;
        } catch (Exception e) {
            throw new IllegalStateException("a naive close failed", e);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Every due ticket closed by the guard, every other one exactly as seeded. Read by key, not by
     * Scan: DynamoDB Local sorts the whole table again for every page of a Scan.
     */
    private static void assertClosedExactlyTheDue(DynamoDbClient dynamo, String table, Population population,
            ContactPartition partition) {
        LongAdder closed = new LongAdder();
        inParallel(population.tickets(), (from, to) -> {
            for (int first = from; first < to; first += BATCH_GET) {
                List<Map<String, AttributeValue>> seeded = IntStream.range(first, Math.min(to, first + BATCH_GET))
                        .mapToObj(n -> partition.ticketOf(n, population))
                        .toList();
                Map<AttributeValue, Map<String, AttributeValue>> stored = read(dynamo, table, seeded);
                for (Map<String, AttributeValue> ticket : seeded) {
                    Map<String, AttributeValue> item = stored.get(ticket.get("pk"));
                    if (!population.isDue(ContactPartition.contactNumber(ticket.get("waId").s()))) {
                        assertEquals(ticket, item, "a ticket that was not due is untouched");
                        continue;
                    }
                    closed.increment();
                    assertEquals(TicketStatus.CLOSED.name(), item.get("status").s());
                    assertEquals(CloseReason.WINDOW_GUARD.name(), item.get("closeReason").s());
                    assertFalse(item.containsKey("dueShard"), "a closed ticket leaves the due index");
                    assertEquals("CLOSED", item.get("deskState").s(), "a closed ticket moves to the desk's closed lists");
                    assertFalse(item.containsKey("waiting"), "a closed ticket leaves its queue");
                    ticket.forEach((name, value) -> {
                        if (!CHANGED_BY_A_CLOSE.contains(name)) {
                            assertEquals(value, item.get(name), name + " of a closed ticket is kept");
                        }
                    });
                }
            }
        });
        assertEquals(DUE, closed.intValue());
    }

    /** What a close rewrites or removes on the ticket; everything else it keeps. */
    private static final Set<String> CHANGED_BY_A_CLOSE = Set.of("status", "dueShard", "deskState", "waiting", "queuedAt",
            "holder", "queue");

    /** The stored items with the keys of {@code items}, by partition key (one item per partition here). */
    private static Map<AttributeValue, Map<String, AttributeValue>> read(DynamoDbClient dynamo, String table,
            List<Map<String, AttributeValue>> items) {
        Map<AttributeValue, Map<String, AttributeValue>> stored = new HashMap<>();
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                .consistentRead(true)
                .keys(items.stream().map(item -> Map.of("pk", item.get("pk"), "sk", item.get("sk"))).toList())
                .build());
        while (!pending.isEmpty()) {
            Map<String, KeysAndAttributes> requestItems = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(request -> request.requestItems(requestItems));
            response.responses().getOrDefault(table, List.of()).forEach(item -> stored.put(item.get("pk"), item));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return stored;
    }

    private static void restoreDueTickets(DynamoDbClient dynamo, String table, Population population,
            ContactPartition partition) {
        List<Map<String, AttributeValue>> tickets = IntStream.range(0, population.tickets())
                .filter(population::isDue)
                .mapToObj(n -> partition.ticketOf(n, population))
                .toList();
        for (int from = 0; from < tickets.size(); from += BATCH_WRITE) {
            write(dynamo, table, tickets.subList(from, Math.min(tickets.size(), from + BATCH_WRITE)));
        }
    }

    /**
     * DynamoDB Local looks up the stream on every write with a query whose cost grows with the
     * records the stream holds, so a bulk load with the template's stream on slows down
     * quadratically, and every write after it with it. The seed goes in with the stream off; the
     * sweeps run with it on, as in AWS, where the stream costs a write no capacity.
     */
    private static void stream(DynamoDbClient dynamo, String table, boolean enabled) {
        dynamo.updateTable(request -> request.tableName(table).streamSpecification(enabled
                ? StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()
                : StreamSpecification.builder().streamEnabled(false).build()));
    }

    /** Clones the captured partition once per contact; returns the milliseconds it took. */
    private static long seed(DynamoDbClient dynamo, String table, Population population, ContactPartition partition) {
        long start = System.nanoTime();
        inParallel(population.tickets(), (from, to) -> {
            List<Map<String, AttributeValue>> batch = new ArrayList<>();
            for (int n = from; n < to; n++) {
                batch.addAll(partition.cloneFor(n, population));
                while (batch.size() >= BATCH_WRITE) {
                    write(dynamo, table, batch.subList(0, BATCH_WRITE));
                    batch.subList(0, BATCH_WRITE).clear();
                }
            }
            if (!batch.isEmpty()) {
                write(dynamo, table, batch);
            }
        });
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Contacts 0 to {@code count - 1} in one range per thread. */
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
            if (failed.getCause() instanceof Error assertion) {
                throw assertion; // a check that failed in a thread fails the benchmark as it is
            }
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
                sleep(Math.min(1000, 10L << attempt)); // DynamoDB asks for a backoff before the unprocessed rest
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code tickets} open tickets; every {@code tickets / due}-th customer wrote {@code close-after} ago or more. */
    private record Population(int tickets, int due) {
        private int step() {
            return tickets / due;
        }

        boolean isDue(int n) {
            return n % step() == 0;
        }

        /** Due tickets run 23h to 23h50m since the last message (still inside the window); the rest 0 to 22h. */
        Instant lastInboundAt(int n) {
            if (isDue(n)) {
                return NOW.minus(CLOSE_AFTER).minusSeconds(3L * (n / step()));
            }
            return NOW.minus(NOT_DUE_SPREAD).plusSeconds(n * NOT_DUE_SPREAD.toSeconds() / tickets);
        }
    }

    /**
     * The items the real ingest writes for a contact whose first message opened a ticket (its
     * partition: PROFILE, TICKET#, IN#; and the link from its phone number to its key, ID),
     * captured once and cloned for other contacts and times. Clone {@code n} is the contact
     * {@link TestContacts#madeUp}{@code (n)}.
     */
    private static final class ContactPartition {
        private static final Instant CAPTURED_AT = NOW.minus(Duration.ofHours(12));
        private static final String NAME = "Cliente";
        private static final String TEXT = "Oi, meu pedido não chegou";
        /** The number attributes a clone moves in time; any other number stops the benchmark. */
        private static final Set<String> TIMES = Set.of("openedAt", "lastInboundAt", "dueAt", "closesAt", "expiresAt",
                "sentAt", "receivedAt", "queuedAt", "unansweredSince", "linkedAt");

        private final List<Map<String, AttributeValue>> items;
        private final Contact captured;

        private ContactPartition(List<Map<String, AttributeValue>> items, Contact captured) {
            this.items = items;
            this.captured = captured;
        }

        /** One contact of the benchmark: its number, its key, the wamid of its one message, and its ticket. */
        private record Contact(int n, String waId, ContactKey key, String wamid, TicketId ticket, String protocol,
                Instant lastInboundAt) {
            static Contact of(int n, Instant lastInboundAt) {
                String waId = String.format(Locale.ROOT, "55119%08d", n);
                ContactKey key = TestContacts.madeUp(n);
                String wamid = String.format(Locale.ROOT, "wamid.HBgNSWEEP%08d", n);
                return new Contact(n, waId, key, wamid, TicketId.openedBy(key, wamid),
                        ProtocolNumber.of(ProtocolNumber.dayOf(lastInboundAt), n + 1).value(), lastInboundAt);
            }

            MetaPayloads message() {
                return notification().text(waId, NAME, wamid, lastInboundAt, TEXT);
            }
        }

        static ContactPartition capture() {
            Contact contact = Contact.of(99_999_999, CAPTURED_AT);
            List<Map<String, AttributeValue>> items = ingested(contact);
            Set<String> kinds = Set.copyOf(items.stream().map(item -> item.get("sk").s().replaceAll("#.*", "#")).toList());
            assertEquals(Set.of("ID", "PROFILE", "TICKET#", "IN#"), kinds,
                    "the items of a contact with an open ticket");
            String protocol = items.stream().filter(item -> item.containsKey("protocol")).findFirst().orElseThrow()
                    .get("protocol").s();
            return new ContactPartition(items, new Contact(contact.n(), contact.waId(), contact.key(), contact.wamid(),
                    contact.ticket(), protocol, contact.lastInboundAt()));
        }

        /**
         * What the real ingest writes in the contacts table for the contact's message, on tables of
         * its own, the contact made under the contact's key.
         */
        private static List<Map<String, AttributeValue>> ingested(Contact contact) {
            try (IngestHarness scratch = new IngestHarness(TestDynamo.freshTables(),
                    new MutableClock(contact.lastInboundAt().plusSeconds(2)), 8, (phoneNumberId, identity) -> contact.key())) {
                scratch.deliver(contact.message());
                return scratch.dynamo.scan(ScanRequest.builder()
                        .tableName(scratch.tables.contacts())
                        .consistentRead(true)
                        .build()).items();
            }
        }

        int size() {
            return items.size();
        }

        static int contactNumber(String waId) {
            return Integer.parseInt(waId.substring(5));
        }

        List<Map<String, AttributeValue>> cloneFor(int n, Population population) {
            Contact contact = Contact.of(n, population.lastInboundAt(n));
            return items.stream().map(item -> clone(item, contact)).toList();
        }

        Map<String, AttributeValue> ticketOf(int n, Population population) {
            return cloneFor(n, population).stream().filter(item -> item.get("sk").s().startsWith("TICKET#"))
                    .findFirst().orElseThrow();
        }

        private Map<String, AttributeValue> clone(Map<String, AttributeValue> item, Contact contact) {
            long shift = contact.lastInboundAt().getEpochSecond() - captured.lastInboundAt().getEpochSecond();
            Map<String, AttributeValue> clone = new HashMap<>();
            item.forEach((name, value) -> clone.put(name, cloneValue(name, value, contact, shift)));
            if (clone.containsKey("dueShard")) {
                clone.put("dueShard", AttributeValue.fromS("DUE#" + Math.floorMod(contact.ticket().value().hashCode(), 4)));
            }
            return clone;
        }

        private AttributeValue cloneValue(String name, AttributeValue value, Contact contact, long shift) {
            if (value.n() != null) {
                if (!TIMES.contains(name)) {
                    throw new IllegalStateException("the ingest writes a number the benchmark cannot clone: " + name);
                }
                return AttributeValue.fromN(Long.toString(Long.parseLong(value.n()) + shift));
            }
            if (value.s() == null) {
                return value;
            }
            return AttributeValue.fromS(value.s()
                    .replace(captured.waId(), contact.waId())
                    .replace(captured.wamid(), contact.wamid())
                    .replace(captured.ticket().value(), contact.ticket().value())
                    .replace(captured.key().id(), contact.key().id())
                    .replace(captured.protocol(), contact.protocol())
                    .replace("\"timestamp\":\"" + captured.lastInboundAt().getEpochSecond() + "\"",
                            "\"timestamp\":\"" + contact.lastInboundAt().getEpochSecond() + "\""));
        }

        /** A due and a not-due clone hold what the real ingest writes for them, protocol sequence aside. */
        void assertClonesMatchIngest(Population population) {
            for (int n : List.of(0, 1)) {
                Contact contact = Contact.of(n, population.lastInboundAt(n));
                assertEquals(sorted(withoutProtocol(ingested(contact))), sorted(withoutProtocol(cloneFor(n, population))),
                        "a clone of contact " + n);
            }
            assertTrue(population.isDue(0) && !population.isDue(1));
        }

        private static List<Map<String, AttributeValue>> withoutProtocol(List<Map<String, AttributeValue>> items) {
            return items.stream().map(item -> {
                Map<String, AttributeValue> copy = new HashMap<>(item);
                copy.remove("protocol");
                if (copy.containsKey("search")) { // "name waId protocol": the protocol's sequence set apart too
                    String search = copy.get("search").s();
                    copy.put("search", AttributeValue.fromS(search.substring(0, search.lastIndexOf(' '))));
                }
                return copy;
            }).toList();
        }

        private static List<String> sorted(List<Map<String, AttributeValue>> items) {
            return items.stream().map(item -> new TreeMap<>(item).toString()).sorted().toList();
        }
    }

    /** Requests by kind and items read, as the code makes them. */
    private static final class RequestTally implements ExecutionInterceptor {
        private final String contactsTable;
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        RequestTally(String contactsTable) {
            this.contactsTable = contactsTable;
        }

        void reset() {
            counts.clear();
        }

        private long count(String kind) {
            LongAdder count = counts.get(kind);
            return count == null ? 0 : count.sum();
        }

        long reads() {
            return count("read");
        }

        long closes() {
            return count("close");
        }

        long others() {
            return count("other");
        }

        long itemsRead() {
            return count("itemsRead");
        }

        long itemsReturned() {
            return count("itemsReturned");
        }

        private void add(String kind, long amount) {
            counts.computeIfAbsent(kind, key -> new LongAdder()).add(amount);
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            Object response = context.response();
            if (response instanceof QueryResponse query) {
                add("itemsRead", query.scannedCount());
                add("itemsReturned", query.count());
            } else if (response instanceof ScanResponse scan) {
                add("itemsRead", scan.scannedCount());
                add("itemsReturned", scan.count());
            }
            tallyRequest(context.request());
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            tallyRequest(context.request());
        }

        private void tallyRequest(Object request) {
            if (request instanceof QueryRequest || request instanceof ScanRequest) {
                add("read", 1);
            } else if (request instanceof UpdateItemRequest update && update.tableName().equals(contactsTable)) {
                add("close", 1);
            } else {
                add("other", 1);
            }
        }
    }

    private record Row(String approach, int tickets, int due, long reads, long closes, long others, double readUnits,
            double writeUnits, long millis, long itemsRead, long itemsReturned) {
    }

    private static String table(List<Measured> results) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "One sweep per row, default settings (close-after 23h, page size 100, 8 closes in flight), no closing"
                        + " message; DynamoDB Local in this JVM, %d cores:%n%n", Runtime.getRuntime().availableProcessors()));
        table.append("| approach | tickets in table | due | Query/Scan requests | UpdateItem (closes) | other requests"
                        + " | read units | write units | wall time (ms) | items read | items returned |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row row : results.stream().flatMap(result -> result.rows().stream()).toList()) {
            table.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,.1f | %,.1f | %,d | %,d | %,d |%n",
                    row.approach(), row.tickets(), row.due(), row.reads(), row.closes(), row.others(), row.readUnits(),
                    row.writeUnits(), row.millis(), row.itemsRead(), row.itemsReturned()));
        }
        table.append('\n');
        for (Measured result : results) {
            table.append(String.format(Locale.ROOT, "Seeding %,d tickets (%,d items, BatchWriteItem from %d threads): %.1f s.%n",
                    result.population().tickets(), result.items(), THREADS, result.seedingMillis() / 1e3));
        }
        return table.append("""

                - Items read: index entries the Query read, or items the Scan read: every item of the table, \
                profiles, windows and messages included, since a Scan's filter drops items after reading (and \
                billing) them. Items returned: what came back after the filter.
                - Other requests: the sweeper's run record, one GetItem and one UpdateItem on the directory table.
                - Capacity as DynamoDB Local reports it, by AWS's formulas: Query and Scan cost 0.5 read unit per \
                4 KB read, eventually consistent; a close is one write unit on the table and one on the DueTickets \
                index it leaves. DynamoDB Local reports nothing for a Query that finds nothing: an idle sweep's \
                half read unit is the GetItem of its run record.
                - Wall time is DynamoDB Local's, in the same JVM as the code. Its Scan pays for the whole table on \
                every page, so a page takes longer the larger the table (idle naive rows: wall time over Scan \
                requests) and the naive approach's time grows with the square of the table here; compare read \
                units, not seconds.
                - The seed goes in with the contacts table's stream off (DynamoDB Local makes every write slower as \
                its stream grows); the sweeps run with it on.
                """).toString();
    }
}
