package io.janela.benchmark;

import static io.janela.support.MetaPayloads.notification;

import io.janela.adapters.meta.WebhookSignature;
import io.janela.support.CapacityMeter;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Measures, does not judge: DynamoDB capacity per webhook event (as DynamoDB Local reports it
 * through ReturnConsumedCapacity) and in-process webhook latency. Run it with
 * {@code ./mvnw test -Dtest=WebhookBenchmark}; it prints a table and writes
 * target/benchmark/webhook.md. It is not part of the test suite.
 */
class WebhookBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);
    private static final WebhookSignature SIGNATURE = new WebhookSignature("benchmark-secret");

    private final StringBuilder report = new StringBuilder();

    @Test
    void capacityAndLatency() throws IOException {
        capacity();
        latency(3000, 500);
        Path out = Path.of("target/benchmark/webhook.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private void capacity() {
        CapacityMeter meter = new CapacityMeter();
        try (IngestHarness desk = new IngestHarness(CLOCK, meter)) {
            report.append("| event | requests | read units | write units | refused conditional writes |\n")
                    .append("| --- | ---: | ---: | ---: | ---: |\n");
            MetaPayloads first = notification().text("5511987654321", "Ana", "wamid.B1", T0, "Oi, meu pedido não chegou");
            measure(desk, meter, "text message, opens a ticket", first);
            measure(desk, meter, "text message, joins the open ticket",
                    notification().text("5511987654321", "Ana", "wamid.B2", T0.plusSeconds(30), "Pedido 4411"));
            measure(desk, meter, "duplicate delivery of a message", first);
            measure(desk, meter, "status `sent` (outbound message unknown so far)",
                    notification().status("5511987654321", "wamid.OUT1", "sent", T0.plusSeconds(40)));
            measure(desk, meter, "status `read` (moves it forward)",
                    notification().status("5511987654321", "wamid.OUT1", "read", T0.plusSeconds(60)));
            measure(desk, meter, "status `delivered` arriving after `read`",
                    notification().status("5511987654321", "wamid.OUT1", "delivered", T0.plusSeconds(45)));
            measure(desk, meter, "duplicate status",
                    notification().status("5511987654321", "wamid.OUT1", "read", T0.plusSeconds(60)));
            measure(desk, meter, "template review (`message_template_status_update`)",
                    notification().templateStatus("pedido_enviado", "pt_BR", "APPROVED", "NONE", T0));
            measure(desk, meter, "marketing stop (`user_preferences`)",
                    notification().marketingPreference("5511987654321", "stop", T0.plusSeconds(70)));
        }
    }

    private void measure(IngestHarness desk, CapacityMeter meter, String event, MetaPayloads payload) {
        meter.reset();
        desk.deliver(payload);
        report.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %d |%n",
                event, meter.requests(), meter.readUnits(), meter.writeUnits(), meter.refusals()));
    }

    /** Signature check, parse and ingest, as the webhook function runs them, one POST at a time. */
    private void latency(int events, int warmUp) {
        try (IngestHarness desk = new IngestHarness(CLOCK)) {
            List<byte[]> bodies = traffic(events + warmUp);
            long[] millis = new long[events];
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
                    millis[i - warmUp] = elapsed;
                }
            }
            Arrays.sort(millis);
            report.append(String.format(Locale.ROOT, "%nIn-process webhook latency, %d POSTs after %d warm-up "
                            + "(one event each: 20%% new contact, 50%% joining message, 30%% status), DynamoDB Local in the same JVM:%n%n"
                            + "| p50 | p90 | p99 | max |%n| ---: | ---: | ---: | ---: |%n| %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n",
                    events, warmUp, ms(millis, 0.50), ms(millis, 0.90), ms(millis, 0.99), millis[millis.length - 1] / 1e6));
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static List<byte[]> traffic(int count) {
        List<byte[]> bodies = new ArrayList<>();
        List<String> contacts = new ArrayList<>();
        Supplier<String> newContact = () -> {
            String waId = String.format(Locale.ROOT, "55119%08d", contacts.size());
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
