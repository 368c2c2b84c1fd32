package io.janela.runtime;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.adapters.dynamodb.DynamoContactIdentities;
import io.janela.functions.webhook.WebhookSignature;
import io.janela.domain.contact.CustomerId;
import io.janela.functions.WebhookProfile;
import io.janela.support.TestContacts;
import io.janela.support.TestDynamo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntConsumer;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Measures, does not judge: cold starts of the webhook and desk functions under AWS's runtime
 * interface client, side by side with the smallest Quarkus Funqy function of the same Quarkus
 * version (built here), with and without the template's JAVA_TOOL_OPTIONS, and with a class-data
 * sharing archive (AppCDS; on JDK 25 also an AOT cache) made by a training run. Every variant starts
 * a fresh JVM {@code cold-start.runs} times (7), interleaved round by round, and is reported by its
 * medians: JVM start to init done (the runtime's first {@code /next}), to its first answer, and for the
 * webhook to its first write reaching DynamoDB Local. Then the warm answer time (50 more requests),
 * the classes the first request loads, and the zips' sizes. Then SnapStart, in the same
 * interleaved rounds: each function started as SnapStart starts a version (its {@code org.crac}
 * hooks run by the runtime client around a snapshot that is not taken here), the webhook and the desk
 * with priming on and off, the minimal function (which has no hooks) as the yardstick; measured from
 * the event's hand-over after the restore to the first write and to the answer, and from the JVM's
 * start to {@code /restore/next} (init and priming). Needs the packaged zip, so it runs after
 * packaging, through failsafe:
 * {@code ./mvnw verify -Dit.test=ColdStartBenchmark -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false};
 * it prints a table and writes target/benchmark/cold-start.md.
 */
class ColdStartBenchmark {

    private static final int RUNS = Integer.getInteger("cold-start.runs", 7);
    private static final int WARM_REQUESTS = 50;
    private static final Path FOLDER = Path.of("target/cold-start");
    private static final String TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    private static final String PRIMING = "JANELA_SNAPSTART_PRIMING";
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Function {
        MINIMAL("minimal Funqy function (the webhook's POST as input)"),
        WEBHOOK("webhook: a signed message from a new customer"),
        DESK("desk: `GET /tickets/{id}`");

        final String label;

        Function(String label) {
            this.label = label;
        }
    }

    private enum Options {
        TEMPLATE("the template's"),
        NONE("none (Lambda's own only)"),
        APP_CDS("the template's + AppCDS archive"),
        AOT_CACHE("the template's + AOT cache");

        final String label;

        Options(String label) {
            this.label = label;
        }
    }

    private enum Priming {
        ON("on"),
        OFF("off (`JANELA_SNAPSTART_PRIMING=false`)");

        final String label;

        Priming(String label) {
            this.label = label;
        }
    }

    /** One cold start, in nanoseconds from the JVM's start. */
    private record ColdStart(long initDone, long firstAnswer, OptionalLong firstWrite) {
    }

    /**
     * One start as SnapStart starts a version, in nanoseconds: the JVM's start to {@code /restore/next}
     * (init and the hooks before the snapshot), the hooks after the restore (to the first
     * {@code /next}), and from the event's hand-over to the answer and to the first write.
     */
    private record SnapStart(long readyForSnapshot, long afterRestore, long answer, OptionalLong firstWrite) {
    }

    /** Classes a JVM loaded up to its init and in its first request, from the JVM's class+load log. */
    private record Classes(List<String> atInit, List<String> byFirstRequest) {

        long awsSdk() {
            return byFirstRequest.stream().filter(line -> line.contains(" software.amazon.awssdk.")).count();
        }

        /** Vert.x and its Netty, which Quarkus's REST client (the Graph API's) starts in every function. */
        long vertxAtInit() {
            return atInit.stream().filter(line -> line.contains(" io.vertx.") || line.contains(" io.netty.")).count();
        }

        long fromArchive() {
            return Stream.concat(atInit.stream(), byFirstRequest.stream())
                    .filter(line -> line.contains("source: shared objects file")).count();
        }
    }

    private final Map<Function, LambdaFunction.Launch> launches = new EnumMap<>(Function.class);
    private final Map<Function, Map<Options, List<ColdStart>>> measured = new EnumMap<>(Function.class);
    private final Map<Function, Long> warm = new EnumMap<>(Function.class);
    private final Map<Function, Map<Options, Classes>> classes = new EnumMap<>(Function.class);
    private final Map<Function, Map<Priming, List<SnapStart>>> snapStarts = new EnumMap<>(Function.class);
    private final Map<Function, Map<Priming, Classes>> snapStartClasses = new EnumMap<>(Function.class);
    private List<Options> variants;
    private FirstWriteProxy proxy;
    private int customers;

    @Test
    void coldStartsSideBySide() throws Exception {
        String loadAtStart = loadAverage();
        Path minimalZip = MinimalFunqyFunction.build(FOLDER.resolve("minimal"));
        try (RuntimeHarness harness = RuntimeHarness.open(FOLDER, TestDynamo.freshTablesWithoutStreams());
                FirstWriteProxy writes = FirstWriteProxy.in(TestDynamo.endpoint());
                DynamoDbClient dynamo = TestDynamo.client()) {
            proxy = writes;
            prepare(harness, TaskRoot.unzip(minimalZip, FOLDER.resolve("minimal-task")), dynamo);
            for (Function function : Function.values()) {
                for (Options options : variants) {
                    if (options == Options.APP_CDS || options == Options.AOT_CACHE) {
                        train(function, options);
                    }
                }
            }
            List<IntConsumer> turns = new ArrayList<>();
            for (Function function : Function.values()) {
                for (Options options : variants) {
                    turns.add(round -> measured.computeIfAbsent(function, f -> new EnumMap<>(Options.class))
                            .computeIfAbsent(options, o -> new ArrayList<>())
                            .add(coldStart(function, options, round)));
                }
                for (Priming priming : primings(function)) {
                    turns.add(round -> snapStarts.computeIfAbsent(function, f -> new EnumMap<>(Priming.class))
                            .computeIfAbsent(priming, p -> new ArrayList<>())
                            .add(snapStart(function, priming, round)));
                }
            }
            for (int round = 0; round < RUNS; round++) {
                for (int i = 0; i < turns.size(); i++) {
                    turns.get((i + round) % turns.size()).accept(round);
                }
            }
            for (Function function : Function.values()) {
                warm.put(function, warmAnswer(function));
                for (Options options : variants) {
                    if (options != Options.NONE) {
                        classes.computeIfAbsent(function, f -> new EnumMap<>(Options.class))
                                .put(options, classesLoaded(function, launch(function, options, "classes")));
                    }
                }
                for (Priming priming : primings(function)) {
                    snapStartClasses.computeIfAbsent(function, f -> new EnumMap<>(Priming.class))
                            .put(priming, classesLoaded(function, snapStartLaunch(function, priming, "classes")));
                }
            }
            String report = report(minimalZip, loadAtStart, loadAverage());
            Path out = Path.of("target/benchmark/cold-start.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println(report);
        }
    }

    private void prepare(RuntimeHarness harness, Path minimalRoot, DynamoDbClient dynamo) {
        String ana = "5511987654321";
        new DynamoContactIdentities(dynamo, harness.tables.contacts())
                .link(PHONE_NUMBER_ID, CustomerId.parse(ana), TestContacts.key(ana), Optional.empty(), Instant.now());
        Map<String, String> throughProxy = Map.of("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", proxy.endpoint());
        LambdaFunction.Launch webhook = harness.launch("webhook").withVariables(throughProxy);
        launches.put(Function.WEBHOOK, webhook);
        launches.put(Function.DESK, harness.launch("desk").withVariables(throughProxy));
        Map<String, String> globals = new LinkedHashMap<>();
        Optional.ofNullable(webhook.function().environment().get(TOOL_OPTIONS)).ifPresent(value -> globals.put(TOOL_OPTIONS, value));
        launches.put(Function.MINIMAL, new LambdaFunction.Launch(webhook.function().sibling("minimal", "MinimalFunction", globals),
                minimalRoot, webhook.jvm(), Map.of(), List.of(), webhook.log()));
        variants = new ArrayList<>(List.of(Options.values()));
        if (!globals.containsKey(TOOL_OPTIONS)) {
            variants.remove(Options.NONE); // the same JVM as the template's
        }
        if (webhook.jvm().major() < 25) {
            variants.remove(Options.AOT_CACHE);
        }

        // Ana's ticket, which the desk's GET reads; and a first start of each, so no measured one pays for a cold disk
        try (LambdaFunction first = LambdaFunction.start(webhook.loggingTo(FOLDER.resolve("runs/webhook-first.log")))) {
            check(Function.WEBHOOK, first.invoke(RuntimeHarness.sample("webhook", "message-text.json")));
        }
        for (Function function : List.of(Function.DESK, Function.MINIMAL)) {
            try (LambdaFunction first = LambdaFunction.start(launch(function, Options.TEMPLATE, "first"))) {
                check(function, first.invoke(event(function)));
            }
        }
    }

    private LambdaFunction.Launch launch(Function function, Options options, String run) {
        LambdaFunction.Launch base = launches.get(function)
                .loggingTo(FOLDER.resolve("runs/" + name(function) + "-" + name(options) + "-" + run + ".log"));
        return switch (options) {
            case TEMPLATE -> base;
            case NONE -> base.withFunction(base.function().without(TOOL_OPTIONS));
            case APP_CDS -> base.withJvmOptions(List.of("-XX:SharedArchiveFile=" + archive(function, options)));
            case AOT_CACHE -> base.withJvmOptions(List.of("-XX:AOTCache=" + archive(function, options)));
        };
    }

    /** The minimal function has no hooks: priming off would be the same JVM. */
    private static List<Priming> primings(Function function) {
        return function == Function.MINIMAL ? List.of(Priming.ON) : List.of(Priming.values());
    }

    /** As SnapStart starts a version, with the template's options; priming as given. */
    private LambdaFunction.Launch snapStartLaunch(Function function, Priming priming, String run) {
        LambdaFunction.Launch base = launches.get(function).asSnapStart()
                .loggingTo(FOLDER.resolve("runs/" + name(function) + "-snap-start-priming-" + name(priming) + "-" + run + ".log"));
        return priming == Priming.ON ? base : base.withVariables(Map.of(PRIMING, "false"));
    }

    private static Path archive(Function function, Options options) {
        return FOLDER.resolve("archives/" + name(function) + (options == Options.APP_CDS ? ".jsa" : ".aot")).toAbsolutePath();
    }

    /** A training run: one request, then the JVM writes the archive as it exits. */
    private void train(Function function, Options options) throws IOException {
        Path archive = archive(function, options);
        Files.createDirectories(archive.getParent());
        Files.deleteIfExists(archive);
        String output = options == Options.APP_CDS ? "-XX:ArchiveClassesAtExit=" : "-XX:AOTCacheOutput=";
        LambdaFunction training = LambdaFunction.start(launches.get(function)
                .withJvmOptions(List.of(output + archive))
                .loggingTo(FOLDER.resolve("runs/" + name(function) + "-" + name(options) + "-training.log")));
        try {
            check(function, training.invoke(event(function)));
        } finally {
            training.close(Duration.ofMinutes(5));
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no " + archive + "; see " + training.log());
        }
    }

    private ColdStart coldStart(Function function, Options options, int round) {
        proxy.reset();
        try (LambdaFunction started = LambdaFunction.start(launch(function, options, "run" + round))) {
            RuntimeApi.Answer answer = started.invoke(event(function));
            check(function, answer);
            long start = started.startedAt();
            OptionalLong write = proxy.firstWriteAt();
            return new ColdStart(started.initDoneAt().getAsLong() - start, answer.answeredAt() - start,
                    write.isPresent() ? OptionalLong.of(write.getAsLong() - start) : OptionalLong.empty());
        }
    }

    /**
     * One start as SnapStart starts it. The event waits queued from the JVM's start, so it is handed
     * over the moment the restored runtime asks for it, as on Lambda. No snapshot is taken: the JVM
     * goes on with what the init and priming left, memory and compiled code, as a restored one would.
     */
    private SnapStart snapStart(Function function, Priming priming, int round) {
        proxy.reset();
        try (LambdaFunction started = LambdaFunction.start(snapStartLaunch(function, priming, "run" + round))) {
            RuntimeApi.Answer answer = started.invoke(event(function));
            check(function, answer);
            long ready = started.restoreNextAt().orElseThrow(() -> new IllegalStateException(
                    function + " never asked /restore/next: the runtime client ran no SnapStart hooks; see " + started.log()));
            if (function != Function.MINIMAL) {
                String primed = priming == Priming.ON ? "event=snapstart_primed " : "event=snapstart_not_primed ";
                if (!started.logText().contains(primed)) {
                    throw new IllegalStateException("no " + primed + "in " + started.log());
                }
            }
            OptionalLong write = proxy.firstWriteAt();
            if (write.isPresent() && write.getAsLong() < answer.deliveredAt()) {
                throw new IllegalStateException(function + " wrote to DynamoDB before its event: priming must write nothing; see "
                        + started.log());
            }
            return new SnapStart(ready - started.startedAt(), started.initDoneAt().getAsLong() - ready,
                    answer.answeredAt() - answer.deliveredAt(),
                    write.isPresent() ? OptionalLong.of(write.getAsLong() - answer.deliveredAt()) : OptionalLong.empty());
        }
    }

    /** The median answer of {@value #WARM_REQUESTS} requests after the first, as the function measures it. */
    private long warmAnswer(Function function) {
        try (LambdaFunction started = LambdaFunction.start(launch(function, Options.TEMPLATE, "warm"))) {
            check(function, started.invoke(event(function)));
            List<Long> answers = new ArrayList<>();
            for (int i = 0; i < WARM_REQUESTS; i++) {
                RuntimeApi.Answer answer = started.invoke(event(function));
                check(function, answer);
                answers.add(answer.answeredAt() - answer.deliveredAt());
            }
            return median(answers, Long::longValue);
        }
    }

    /** Classes loaded up to the first {@code /next} (with SnapStart: init, priming, restore) and by the first request. */
    private Classes classesLoaded(Function function, LambdaFunction.Launch launch) throws Exception {
        String logName = launch.log().getFileName().toString();
        Path log = launch.log().resolveSibling(logName.substring(0, logName.length() - ".log".length()) + ".txt").toAbsolutePath();
        Files.deleteIfExists(log);
        try (LambdaFunction started = LambdaFunction.start(launch.withJvmOptions(List.of("-Xlog:class+load=info:file=" + log)))) {
            started.awaitInit();
            Thread.sleep(300); // the JVM waits on /next now; what it logged is on disk
            List<String> atInit = Files.readAllLines(log);
            check(function, started.invoke(event(function)));
            Thread.sleep(300);
            List<String> all = Files.readAllLines(log);
            return new Classes(atInit, all.subList(atInit.size(), all.size()));
        }
    }

    private String event(Function function) {
        return function == Function.DESK ? RuntimeHarness.sample("desk", "get-ticket.json") : newCustomerWrites();
    }

    /** The webhook's sample POST, carrying a message from a customer not seen yet, signed as Meta signs. */
    private String newCustomerWrites() {
        customers++;
        byte[] body = notification().text(String.format(Locale.ROOT, "5511990%06d", customers), "Cliente " + customers,
                "wamid.COLDSTART" + customers, Instant.now(), "Oi, meu pedido não chegou").bytes();
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(RuntimeHarness.sample("webhook", "message-text.json"));
            event.put("body", new String(body, StandardCharsets.UTF_8));
            ((ObjectNode) event.path("headers")).put("x-hub-signature-256", new WebhookSignature(WebhookProfile.APP_SECRET).sign(body));
            return event.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(Function function, RuntimeApi.Answer answer) {
        try {
            JsonNode response = JSON.readTree(answer.body());
            assertEquals(200, response.path("statusCode").asInt(), function + " answered " + answer);
        } catch (IOException e) {
            throw new AssertionError(function + " answered no JSON: " + answer, e);
        }
    }

    private String report(Path minimalZip, String loadAtStart, String loadAtEnd) throws IOException {
        LambdaFunction.Launch webhook = launches.get(Function.WEBHOOK);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Cold starts under AWS's runtime interface client (%s), %s, %d MB (%s); "
                        + "the template's JAVA_TOOL_OPTIONS: `%s`. %d runs of each variant, interleaved; medians. "
                        + "Load average %s at the start, %s at the end.%n%n",
                LambdaFunction.runtimeClient(), webhook.jvm().description(), webhook.function().memoryMb(),
                String.join(" ", webhook.jvm().lambdaOptions(webhook.function().memoryMb())),
                webhook.function().environment().getOrDefault(TOOL_OPTIONS, "(none)"), RUNS, loadAtStart, loadAtEnd));
        out.append("| function | JAVA_TOOL_OPTIONS | JVM start to init done | to first answer | to first DynamoDB write "
                + "| first answer / minimal's | first write / minimal's first answer |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Function function : Function.values()) {
            for (Options options : variants) {
                List<ColdStart> runs = measured.get(function).get(options);
                long minimal = median(measured.get(Function.MINIMAL).get(options), ColdStart::firstAnswer);
                long answer = median(runs, ColdStart::firstAnswer);
                boolean writes = runs.stream().allMatch(run -> run.firstWrite().isPresent());
                long write = writes ? median(runs, run -> run.firstWrite().getAsLong()) : 0;
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", function.label, options.label,
                        seconds(median(runs, ColdStart::initDone)), seconds(answer), writes ? seconds(write) : "",
                        ratio(answer, minimal), writes ? ratio(write, minimal) : ""));
            }
        }
        out.append(String.format(Locale.ROOT, "%n| function | warm answer (median of %d) | classes loaded by init "
                + "| of which Vert.x and Netty | by the first request | of which AWS SDK | from CDS: the JDK's archive | with AppCDS "
                + "| with the AOT cache | function.zip |%n", WARM_REQUESTS));
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Function function : Function.values()) {
            Classes plain = classes.get(function).get(Options.TEMPLATE);
            out.append(String.format(Locale.ROOT, "| %s | %.1f ms | %,d | %,d | %,d | %,d | %s | %s | %s | %s |%n", function.label,
                    warm.get(function) / 1e6, plain.atInit().size(), plain.vertxAtInit(), plain.byFirstRequest().size(), plain.awsSdk(),
                    fromArchive(function, Options.TEMPLATE), fromArchive(function, Options.APP_CDS), fromArchive(function, Options.AOT_CACHE),
                    megabytes(function == Function.MINIMAL ? minimalZip : RuntimeHarness.FUNCTION_ZIP)));
        }
        snapStartReport(out, webhook);
        return out.toString();
    }

    private void snapStartReport(StringBuilder out, LambdaFunction.Launch webhook) {
        out.append(String.format(Locale.ROOT, "%nSnapStart: started with AWS_LAMBDA_INITIALIZATION_TYPE=snap-start, so the runtime "
                        + "client runs the org.crac hooks before the snapshot, asks /restore/next, runs the hooks after the restore, "
                        + "then asks for the event; no snapshot is taken, so Lambda's restore itself is not counted. JVM options "
                        + "as Lambda passes them under SnapStart (%s) and the template's JAVA_TOOL_OPTIONS. Times from the event's "
                        + "hand-over (its /next answer) after the restore; %d runs of each, interleaved with the starts above; medians.%n%n",
                String.join(" ", webhook.jvm().lambdaOptions(webhook.function().memoryMb(), true, List.of())), RUNS));
        out.append("| function | priming | JVM start to /restore/next (init and priming) | hooks after the restore "
                + "| event to first DynamoDB write | event to answer | classes the first request loads | of which AWS SDK |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Function function : Function.values()) {
            for (Priming priming : primings(function)) {
                List<SnapStart> runs = snapStarts.get(function).get(priming);
                boolean writes = runs.stream().allMatch(run -> run.firstWrite().isPresent());
                Classes loaded = snapStartClasses.get(function).get(priming);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %,d | %,d |%n", function.label,
                        function == Function.MINIMAL ? "(no hooks)" : priming.label, seconds(median(runs, SnapStart::readyForSnapshot)),
                        millis(median(runs, SnapStart::afterRestore)),
                        writes ? millis(median(runs, run -> run.firstWrite().getAsLong())) : "", millis(median(runs, SnapStart::answer)),
                        loaded.byFirstRequest().size(), loaded.awsSdk()));
            }
        }
    }

    private String fromArchive(Function function, Options options) {
        Classes loaded = classes.get(function).get(options);
        if (loaded == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%,d of %,d", loaded.fromArchive(), loaded.atInit().size() + loaded.byFirstRequest().size());
    }

    private static <T> long median(List<T> values, ToLongFunction<T> of) {
        long[] sorted = values.stream().mapToLong(of).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%d ms", Math.round(nanos / 1e6));
    }

    private static String ratio(long value, long yardstick) {
        return String.format(Locale.ROOT, "%.1fx", (double) value / yardstick);
    }

    private static String megabytes(Path file) throws IOException {
        return String.format(Locale.ROOT, "%.1f MB", Files.size(file) / 1e6);
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
