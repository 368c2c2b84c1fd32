package io.janela.benchmark;

import static io.janela.support.MetaPayloads.notification;

import io.janela.functions.webhook.WebhookSignature;
import io.janela.application.contacts.RandomContactKeys;
import io.janela.support.CapacityMeter;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads;
import io.janela.support.MetaPayloads.Who;
import io.janela.support.TestDynamo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Measures, does not judge: DynamoDB capacity per webhook event (as DynamoDB Local reports it
 * through ReturnConsumedCapacity), in-process webhook latency, a batch of 1,000 updates (Meta's
 * largest POST) and a burst of 200 new customers writing at once. Run it with
 * {@code ./mvnw test -Dtest=WebhookBenchmark}; it prints a table and writes target/benchmark/webhook.md.
 * It is not part of the test suite.
 */
class WebhookBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(86_000), ZoneOffset.UTC);
    private static final WebhookSignature SIGNATURE = new WebhookSignature("benchmark-secret");

    private final StringBuilder report = new StringBuilder();

    @Test
    void capacityAndLatency() throws Exception {
        report.append(String.format(Locale.ROOT, "Machine: %d cores, load average %.2f at the start.%n%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        String only = System.getProperty("webhook.benchmark", "all"); // capacity, latency, batches or burst
        if (only.equals("all") || only.equals("capacity")) {
            capacity();
        }
        if (only.equals("all") || only.equals("latency")) {
            latency(3000, 500);
        }
        if (only.equals("all") || only.equals("batches")) {
            batches(1000, 7);
        }
        if (only.equals("all") || only.equals("burst")) {
            burst(200);
        }
        report.append(String.format(Locale.ROOT, "%nLoad average at the end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        Path out = Path.of("target/benchmark/webhook.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private IngestHarness desk(CapacityMeter meter) {
        return new IngestHarness(TestDynamo.freshTables(), CLOCK, 8, new RandomContactKeys(), meter);
    }

    private void capacity() {
        CapacityMeter meter = new CapacityMeter();
        try (IngestHarness desk = desk(meter)) {
            report.append("| event | requests | read units | write units | refused conditional writes |\n")
                    .append("| --- | ---: | ---: | ---: | ---: |\n");
            MetaPayloads first = notification().text("5511987654321", "Ana", "wamid.B1", T0, "Oi, meu pedido não chegou");
            measure(desk, meter, "text message from a new customer (phone): a contact and a ticket", first);
            measure(desk, meter, "text message, joins the open ticket",
                    notification().text("5511987654321", "Ana", "wamid.B2", T0.plusSeconds(30), "Pedido 4411"));
            measure(desk, meter, "duplicate delivery of a message", first);
            var anaTicket = desk.contacts.findContact(desk.key("5511987654321")).orElseThrow().openTicket().orElseThrow();
            var writes = new io.janela.support.DeskTicketWrites(desk.dynamo, desk.tables.contacts());
            writes.toDepartment(anaTicket.contact(), anaTicket.id(), "billing", T0.plusSeconds(30));
            writes.toAgent(anaTicket.contact(), anaTicket.id(), "bia@desk.example", T0.plusSeconds(30));
            measure(desk, meter, "text message, joins a ticket an agent holds in a department",
                    notification().text("5511987654321", "Ana", "wamid.B2b", T0.plusSeconds(35), "Ainda aqui"));
            measure(desk, meter, "text message from a new customer known only by BSUID (username)",
                    notification().text(Who.user("US.13491208655302741918").username("sheena"), "Sheena", "wamid.S1",
                            T0.plusSeconds(31), "Oi"));
            measure(desk, meter, "text message from a new customer named by phone and BSUID",
                    notification().text(Who.both("5521912345678", "BR.1502576394655843"), "Bruno", "wamid.R1",
                            T0.plusSeconds(32), "Oi"));
            measure(desk, meter, "BSUID-only message, joins the open ticket",
                    notification().text(Who.user("US.13491208655302741918").username("sheena"), "Sheena", "wamid.S2",
                            T0.plusSeconds(33), "Oi de novo"));
            closeTicketOf(desk, "5511987654321");
            measure(desk, meter, "text message from a known customer whose ticket closed: a new ticket",
                    notification().text("5511987654321", "Ana", "wamid.B3", T0.plusSeconds(3_600), "Voltei"));
            measure(desk, meter, "status `sent` (outbound message unknown so far)",
                    notification().status("5511987654321", "wamid.OUT1", "sent", T0.plusSeconds(40)));
            measure(desk, meter, "status `read` (moves it forward)",
                    notification().status("5511987654321", "wamid.OUT1", "read", T0.plusSeconds(60)));
            measure(desk, meter, "status `delivered` arriving after `read`",
                    notification().status("5511987654321", "wamid.OUT1", "delivered", T0.plusSeconds(45)));
            measure(desk, meter, "duplicate status",
                    notification().status("5511987654321", "wamid.OUT1", "read", T0.plusSeconds(60)));
            measure(desk, meter, "status to a BSUID (`recipient_user_id`)",
                    notification().status(Who.user("US.13491208655302741918"), "wamid.OUT2", "delivered", T0.plusSeconds(61),
                            status -> { }));
            measure(desk, meter, "template review (`message_template_status_update`)",
                    notification().templateStatus("pedido_enviado", "pt_BR", "APPROVED", "NONE", T0));
            measure(desk, meter, "marketing stop (`user_preferences`)",
                    notification().marketingPreference("5511987654321", "stop", T0.plusSeconds(70)));
            measure(desk, meter, "quarantined item (a timestamp that is no instant)",
                    notification().text("5531987651234", "Dora", "wamid.Q1", T0, "Oi").json()
                            .replace("\"" + T0.getEpochSecond() + "\"", "\"soon\"").getBytes(StandardCharsets.UTF_8));
            measure(desk, meter, "quarantined item (a 1 MB text)",
                    notification().text("5531987651235", "Edu", "wamid.Q2", T0, "x".repeat(1_000_000)).bytes());
        }
    }

    /** The ticket closed as a close leaves it (deskState CLOSED, no due entry), so the next message opens a new one. */
    private static void closeTicketOf(IngestHarness desk, String waId) {
        var contact = desk.key(waId);
        var ticket = desk.contacts.findContact(contact).orElseThrow().openTicket().orElseThrow();
        desk.dynamo.updateItem(request -> request.tableName(desk.tables.contacts())
                .key(io.janela.support.TestContacts.itemKey(contact, "TICKET#" + ticket.id()))
                .updateExpression("SET #status = :closed, deskState = :closed REMOVE dueShard, waiting")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":closed", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CLOSED"))));
    }

    private void measure(IngestHarness desk, CapacityMeter meter, String event, MetaPayloads payload) {
        measure(desk, meter, event, payload.bytes());
    }

    private void measure(IngestHarness desk, CapacityMeter meter, String event, byte[] body) {
        meter.reset();
        desk.deliver(body);
        report.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %d |%n",
                event, meter.requests(), meter.readUnits(), meter.writeUnits(), meter.refusals()));
    }

    /** Signature check, parse and ingest, as the webhook function runs them, one POST at a time. */
    private void latency(int events, int warmUp) {
        try (IngestHarness desk = desk(new CapacityMeter())) {
            List<byte[]> bodies = traffic(events + warmUp, 0);
            long[] nanos = new long[events];
            for (int i = 0; i < bodies.size(); i++) {
                byte[] body = bodies.get(i);
                String header = SIGNATURE.sign(body);
                long start = System.nanoTime();
                if (!SIGNATURE.matches(body, header)) {
                    throw new IllegalStateException("benchmark signature did not match");
                }
                desk.deliver(body);
                long elapsed = System.nanoTime() - start;
                if (i >= warmUp) {
                    nanos[i - warmUp] = elapsed;
                }
            }
            Arrays.sort(nanos);
            report.append(String.format(Locale.ROOT, "%nIn-process webhook latency, %d POSTs after %d warm-up "
                            + "(one event each: 20%% new contact, 50%% joining message, 30%% status), DynamoDB Local in the same JVM:%n%n"
                            + "| p50 | p90 | p99 | max |%n| ---: | ---: | ---: | ---: |%n| %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n",
                    events, warmUp, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6));
        }
    }

    /**
     * POSTs of {@code size} updates each (Meta's maximum is 1,000), each its own mix over the same desk:
     * a fifth new customers (half of them known only by BSUID), half messages joining open tickets,
     * the rest statuses. Applied as the webhook applies them, contacts in parallel; the first is warm-up.
     */
    private void batches(int size, int count) {
        CapacityMeter meter = new CapacityMeter();
        report.append(String.format(Locale.ROOT, "%nBatches of %d updates (one POST each, each on fresh tables, after one "
                + "warm-up batch):%n%n"
                + "| janela.webhook.concurrency | batches | p50 | max | requests per update | write units per update |%n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: |%n", size));
        for (int concurrency : List.of(1, 8, 16)) {
            long[] nanos = new long[count];
            double writeUnits = 0;
            long requests = 0;
            for (int b = 0; b <= count; b++) {
                // fresh tables each time: DynamoDB Local slows down as a table's stream grows, DynamoDB does not
                try (IngestHarness desk = new IngestHarness(TestDynamo.freshTablesWithoutStreams(), CLOCK, concurrency,
                        new RandomContactKeys(), meter)) {
                    byte[] body = batch(size, b);
                    meter.reset();
                    long start = System.nanoTime();
                    desk.deliver(body);
                    long elapsed = System.nanoTime() - start;
                    if (b > 0) {
                        nanos[b - 1] = elapsed;
                        writeUnits += meter.writeUnits();
                        requests += meter.requests();
                    }
                }
            }
            Arrays.sort(nanos);
            report.append(String.format(Locale.ROOT, "| %d | %d | %.2f s | %.2f s | %.1f | %.1f |%n", concurrency, count,
                    ms(nanos, 0.5) / 1000, nanos[nanos.length - 1] / 1e9, requests / (double) (count * size),
                    writeUnits / (count * size)));
        }
    }

    /** One POST of {@code size} updates, its own contacts: {@code b} keeps each batch's ids apart. */
    private static byte[] batch(int size, int b) {
        MetaPayloads post = notification();
        List<Who> customers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Instant at = T0.plusSeconds(b * 10_000L + i);
            int kind = i % 10;
            if (customers.isEmpty() || kind < 2) {
                int n = b * 100_000 + customers.size();
                Who who = n % 2 == 0 ? Who.phone(String.format(Locale.ROOT, "55119%08d", n))
                        : Who.user(String.format(Locale.ROOT, "BR.%08d", n)).username("cliente" + n);
                customers.add(who);
                post.text(who, "Cliente", "wamid.N" + b + "." + i, at, "Olá");
            } else if (kind < 7) {
                Who who = customers.get(i % customers.size());
                post.text(who, "Cliente", "wamid.J" + b + "." + i, at, "mais detalhes do pedido");
            } else {
                Who who = customers.get(i % customers.size());
                post.status(who, "wamid.OUT" + b + "." + (i / 3), kind == 9 ? "read" : "delivered", at, status -> { });
            }
        }
        return post.bytes();
    }

    /** {@code customers} new customers write at once, each its own POST, as Meta delivers them. */
    private void burst(int customers) throws Exception {
        CapacityMeter meter = new CapacityMeter();
        try (IngestHarness desk = new IngestHarness(TestDynamo.freshTablesWithoutStreams(), CLOCK, 8, new RandomContactKeys(), meter)) {
            ExecutorService pool = Executors.newFixedThreadPool(50);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Long>> posts = new ArrayList<>();
                for (int i = 0; i < customers; i++) {
                    Who who = i % 2 == 0 ? Who.phone(String.format(Locale.ROOT, "55219%08d", i))
                            : Who.user(String.format(Locale.ROOT, "US.%08d", i));
                    byte[] body = notification().text(who, "Cliente", "wamid.X" + i, T0.plusSeconds(i), "Oi").bytes();
                    posts.add(pool.submit(() -> {
                        start.await();
                        long began = System.nanoTime();
                        desk.deliver(body); // any failure would be a 503: the burst fails loudly
                        return System.nanoTime() - began;
                    }));
                }
                long began = System.nanoTime();
                start.countDown();
                long[] nanos = new long[customers];
                for (int i = 0; i < customers; i++) {
                    nanos[i] = posts.get(i).get();
                }
                long wall = System.nanoTime() - began;
                Arrays.sort(nanos);
                report.append(String.format(Locale.ROOT, "%nBurst: %d new customers (half by phone, half by BSUID only) "
                                + "writing at once, 50 POSTs in flight: all %d answered 200 on the first try in %.2f s; "
                                + "per POST p50 %.0f ms, p99 %.0f ms; %d refused conditional writes.%n",
                        customers, customers, wall / 1e9, ms(nanos, 0.5), ms(nanos, 0.99), meter.refusals()));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static List<byte[]> traffic(int count, int offset) {
        List<byte[]> bodies = new ArrayList<>();
        List<String> contacts = new ArrayList<>();
        Supplier<String> newContact = () -> {
            String waId = String.format(Locale.ROOT, "55119%08d", offset + contacts.size());
            contacts.add(waId);
            return waId;
        };
        for (int i = 0; i < count; i++) {
            Instant at = T0.plusSeconds(i);
            int kind = i % 10;
            if (contacts.isEmpty() || kind < 2) {
                bodies.add(notification().text(newContact.get(), "Cliente", "wamid.N" + i, at, "Olá").bytes());
            } else if (kind < 7) {
                String waId = contacts.get(i % contacts.size());
                bodies.add(notification().text(waId, "Cliente", "wamid.J" + i, at, "mais detalhes do pedido").bytes());
            } else {
                String waId = contacts.get(i % contacts.size());
                bodies.add(notification().status(waId, "wamid.OUT" + (i / 3), kind == 9 ? "read" : "delivered", at).bytes());
            }
        }
        return bodies;
    }
}
