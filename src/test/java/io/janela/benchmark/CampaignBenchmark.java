package io.janela.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.janela.application.campaign.CampaignDriver.RunReport;
import io.janela.application.campaign.CampaignStore.Campaign;
import io.janela.application.campaign.Campaigns;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.outbound.MessageSender;
import io.janela.domain.campaign.Audience;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.support.CampaignHarness;
import io.janela.support.CapacityMeter;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.RecordingSender;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Measures, does not judge: how fast one driver run sends a campaign, and what each recipient
 * costs in DynamoDB. Sends take the real path, Janela's {@code GraphApiSender} and Quarkus REST
 * client over HTTP, to a stub Meta in this JVM that answers with Meta's success JSON after a
 * fixed latency; DynamoDB is DynamoDB Local in the same JVM. Run it with
 * {@code ./mvnw test -Dtest=CampaignBenchmark}; it prints a table and writes
 * target/benchmark/campaign.md. It is not part of the test suite.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(CampaignBenchmark.CampaignDriverLambda.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(CampaignBenchmark.StubMeta.class)
class CampaignBenchmark {

    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String AGENT = "marina@loja.example.com";
    private static final String TEMPLATE = "promo_black_friday";
    /** Roughly what Meta takes to accept a send, seen from AWS. */
    private static final long META_LATENCY_MS = 150;

    public static class CampaignDriverLambda implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "campaign-driver");
        }
    }

    /** Meta's send endpoint on a JDK HTTP server: every send accepted, after the latency the test sets. */
    public static class StubMeta implements QuarkusTestResourceLifecycleManager {
        private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"([0-9]+)\"");
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicLong latencyMillis = new AtomicLong();
        private HttpServer server;
        private ExecutorService threads;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            } catch (IOException e) {
                throw new IllegalStateException("the stub Meta could not listen", e);
            }
            threads = Executors.newCachedThreadPool();
            server.setExecutor(threads);
            server.createContext("/", this::accept);
            server.start();
            return Map.of(
                    "janela.meta.graph-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "janela.meta.access-token", "EAAJanelaBenchmarkToken");
        }

        private void accept(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int number = requests.incrementAndGet();
            try {
                Thread.sleep(latencyMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Matcher to = TO.matcher(body);
            String waId = to.find() ? to.group(1) : "0";
            byte[] answer = """
                    {"messaging_product":"whatsapp","contacts":[{"input":"%s","wa_id":"%s"}],
                     "messages":[{"id":"wamid.HBgNBENCH%08d","message_status":"accepted"}]}
                    """.formatted(waId, waId, number).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }

        @Override
        public void inject(TestInjector testInjector) {
            testInjector.injectIntoFields(requests, new TestInjector.MatchesType(AtomicInteger.class));
            testInjector.injectIntoFields(latencyMillis, new TestInjector.MatchesType(AtomicLong.class));
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
                threads.shutdownNow();
            }
        }
    }

    /** Requests the stub Meta answered. */
    AtomicInteger metaRequests;
    /** The stub Meta's latency, set per setting. */
    AtomicLong metaLatencyMillis;

    @Inject
    MessageSender graphApi;

    private record Setting(double rate, int concurrency, long latencyMs, int recipients, boolean overHttp) {
        String meta() {
            return overHttp ? "HTTP stub, " + latencyMs + " ms" : "none (in-memory sender)";
        }

        /** What the pacing allows and what Meta's latency allows with this many sends in flight. */
        double latencyCeiling() {
            return latencyMs == 0 ? Double.POSITIVE_INFINITY : concurrency * 1000.0 / latencyMs;
        }
    }

    private record Measured(Setting setting, double seconds, RunReport run, double createWrites, double reads,
            double writes, long requests, long refusals) {
        double perSecond() {
            return run.sent() / seconds;
        }
    }

    @Test
    void throughputAndCapacity() throws IOException {
        measure(new Setting(1000, 4, 0, 100, true)); // warm-up: JIT, connections, DynamoDB Local
        List<Measured> results = List.of(
                measure(new Setting(80, 1, META_LATENCY_MS, 300, true)),
                measure(new Setting(80, 4, META_LATENCY_MS, 1000, true)),
                measure(new Setting(80, 16, META_LATENCY_MS, 2000, true)),
                measure(new Setting(20, 8, META_LATENCY_MS, 1000, true)), // the defaults
                measure(new Setting(1000, 16, 0, 2000, true)),
                measure(new Setting(1000, 16, 0, 2000, false)));
        String report = table(results);
        Path out = Path.of("target/benchmark/campaign.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private Measured measure(Setting setting) {
        metaLatencyMillis.set(setting.latencyMs());
        CapacityMeter meter = new CapacityMeter();
        Map<String, String> settings = Map.of(
                "janela.campaigns.rate", String.valueOf(setting.rate()),
                "janela.campaigns.concurrency", String.valueOf(setting.concurrency()),
                "janela.campaigns.batch-time", "30M");
        try (CampaignHarness desk = new CampaignHarness(Clock.systemUTC(), settings, meter)) {
            setUpDesk(desk.stores.directory);
            meter.reset();
            Campaign campaign = assertInstanceOf(Campaigns.Created.class, desk.campaigns.create(new Campaigns.CreateCommand(
                    AGENT, PHONE_NUMBER_ID, TEMPLATE, "pt_BR", Optional.empty(),
                    parameters -> Audience.fromCsv(audience(setting.recipients()), parameters), Optional.empty()))).campaign();
            double createWrites = meter.writeUnits();
            MessageSender sender = setting.overHttp() ? graphApi : new RecordingSender();
            int requestsBefore = metaRequests.get();
            meter.reset();
            long start = System.nanoTime();
            RunReport run = desk.driver(sender, Clock.systemUTC()).run();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(setting.recipients(), run.sent(), "every recipient sent in one run: " + run);
            assertEquals(setting.overHttp() ? setting.recipients() : 0, metaRequests.get() - requestsBefore);
            assertEquals(Map.of("sent", (long) setting.recipients()),
                    desk.campaigns.report(campaign.id(), 0, 1).orElseThrow().campaign().counts());
            return new Measured(setting, seconds, run, createWrites, meter.readUnits(), meter.writeUnits(),
                    meter.requests(), meter.refusals());
        }
    }

    private static void setUpDesk(DirectoryStore directory) {
        directory.putAgent(new Agent(AGENT, "Marina", AgentStatus.ONLINE, true));
        directory.putTemplate(new Template(TEMPLATE, "pt_BR", Optional.of("MARKETING"), 2, true, Optional.empty()));
        directory.recordTemplateStatus(new TemplateStatusChange(TEMPLATE, "pt_BR", "APPROVED", null, Instant.now()));
        directory.putActiveMessagePolicy(ActiveMessagePolicy.PERMITTED_AGENTS);
    }

    private static String audience(int recipients) {
        return "phone,name,coupon\n" + IntStream.range(0, recipients)
                .mapToObj(i -> String.format(Locale.ROOT, "55119%08d,Cliente %d,CUPOM%05d", i, i, i))
                .collect(Collectors.joining("\n"));
    }

    private static String table(List<Measured> results) {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "Campaign driver, one run per row, DynamoDB Local and the stub Meta in this JVM, %d cores:%n%n",
                Runtime.getRuntime().availableProcessors()));
        report.append("| Meta | rate (msg/s) | concurrency | recipients | seconds | recipients/s | latency ceiling (concurrency / latency) "
                        + "| DynamoDB requests / recipient | read units / recipient | write units / recipient | refused writes |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Measured result : results) {
            Setting setting = result.setting();
            int n = setting.recipients();
            report.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %.1f | %s | %.1f | %.1f | %.1f | %d |%n",
                    setting.meta(), setting.rate() >= 1000 ? "unpaced" : String.format(Locale.ROOT, "%.0f", setting.rate()),
                    setting.concurrency(), n, result.seconds(), result.perSecond(),
                    Double.isInfinite(setting.latencyCeiling()) ? "-" : String.format(Locale.ROOT, "%.1f", setting.latencyCeiling()),
                    (double) result.requests() / n, result.reads() / n, result.writes() / n, result.refusals()));
        }
        Measured any = results.get(results.size() - 1);
        report.append(String.format(Locale.ROOT, "%nCreating the campaign (audience rows, header, active marker): %.2f write units per recipient.%n",
                any.createWrites() / any.setting().recipients()));
        return report.toString();
    }
}
