package io.janela.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A function started as Lambda starts it: a JVM running AWS's runtime interface client
 * ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) with the template's handler,
 * in the unzipped package, with Lambda's JVM options and reserved variables and the function's
 * environment, asking a {@link RuntimeApi} of its own for events. Its output goes to a log file.
 * Started on demand, or as SnapStart starts a version ({@link Launch#asSnapStart()}): the runtime
 * client then runs the function's {@code org.crac} hooks around a snapshot that is not taken here.
 */
final class LambdaFunction implements AutoCloseable {

    /** Where the build copies the runtime client and its dependencies (maven-dependency-plugin). */
    static final Path RUNTIME_CLIENT = Path.of("target/ric");
    static final String REGION = "us-east-1";
    private static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Lambda's variable; the runtime client runs the SnapStart hooks when it says {@value #SNAP_START}. */
    private static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    private static final String SNAP_START = "snap-start";
    /** The first answer includes the JVM's start, on a machine the other builds share. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    /**
     * What to start: {@code variables} are added to the template's environment (or replace its
     * values); {@code jvmOptions} follow Lambda's own.
     */
    record Launch(TemplateFunction function, Path taskRoot, LambdaJvm jvm, Map<String, String> variables,
            List<String> jvmOptions, Path log) {

        Launch withJvmOptions(List<String> more) {
            return new Launch(function, taskRoot, jvm, variables,
                    Stream.concat(jvmOptions.stream(), more.stream()).toList(), log);
        }

        Launch withVariables(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(variables);
            all.putAll(more);
            return new Launch(function, taskRoot, jvm, all, jvmOptions, log);
        }

        Launch withFunction(TemplateFunction other) {
            return new Launch(other, taskRoot, jvm, variables, jvmOptions, log);
        }

        Launch loggingTo(Path other) {
            return new Launch(function, taskRoot, jvm, variables, jvmOptions, other);
        }

        /**
         * Started as SnapStart starts a published version: {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start},
         * which makes the runtime client run the {@code beforeCheckpoint} hooks after the init, ask
         * {@code /restore/next}, run the {@code afterRestore} hooks and only then ask for an event; and
         * the JVM options Lambda passes under SnapStart.
         */
        Launch asSnapStart() {
            return withVariables(Map.of(INITIALIZATION_TYPE, SNAP_START));
        }

        boolean snapStarts() {
            return SNAP_START.equals(variables.get(INITIALIZATION_TYPE));
        }
    }

    private final Launch launch;
    private final RuntimeApi api;
    private final Process process;
    private final long startedAt;

    private LambdaFunction(Launch launch, RuntimeApi api, Process process, long startedAt) {
        this.launch = launch;
        this.api = api;
        this.process = process;
        this.startedAt = startedAt;
    }

    static LambdaFunction start(Launch launch) {
        TemplateFunction function = launch.function();
        String functionName = "janela-" + function.logicalId();
        RuntimeApi api = RuntimeApi.start("arn:aws:lambda:" + REGION + ":123456789012:function:" + functionName,
                function.timeout());
        List<String> command = new ArrayList<>();
        command.add(launch.jvm().java().toString());
        command.addAll(launch.jvm().lambdaOptions(function.memoryMb(), launch.snapStarts(), launch.jvmOptions()));
        command.addAll(List.of("-classpath", runtimeClientClasspath(), MAIN, function.handler()));

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(launch.taskRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(launch.log().toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(lambdaVariables(launch, functionName, api.address()));
        environment.putAll(function.environment());
        environment.putAll(launch.variables());
        try {
            Files.createDirectories(launch.log().getParent());
            long startedAt = System.nanoTime();
            return new LambdaFunction(launch, api, builder.start(), startedAt);
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException("could not start " + launch.jvm().java(), e);
        }
    }

    /** The variables Lambda sets in every execution environment of this function. */
    private static Map<String, String> lambdaVariables(Launch launch, String functionName, String runtimeApi) {
        TemplateFunction function = launch.function();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        variables.put("LANG", "en_US.UTF-8");
        variables.put("TZ", ":UTC");
        variables.put("LAMBDA_TASK_ROOT", launch.taskRoot().toString());
        variables.put("LAMBDA_RUNTIME_DIR", RUNTIME_CLIENT.toAbsolutePath().toString());
        variables.put("_HANDLER", function.handler());
        variables.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        variables.put("AWS_REGION", REGION);
        variables.put("AWS_DEFAULT_REGION", REGION);
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        variables.put(INITIALIZATION_TYPE, "on-demand");
        variables.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        variables.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/01/[$LATEST]runtime-test");
        return variables;
    }

    /** The runtime interface client's jar, named with its version. */
    static String runtimeClient() {
        try (Stream<Path> jars = Files.list(RUNTIME_CLIENT)) {
            return jars.map(jar -> jar.getFileName().toString())
                    .filter(jar -> jar.startsWith("aws-lambda-java-runtime-interface-client-"))
                    .map(jar -> jar.replace(".jar", ""))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no runtime interface client in " + RUNTIME_CLIENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String runtimeClientClasspath() {
        try (Stream<Path> jars = Files.list(RUNTIME_CLIENT)) {
            String classpath = jars.filter(jar -> jar.toString().endsWith(".jar"))
                    .map(jar -> jar.toAbsolutePath().toString())
                    .sorted()
                    .collect(Collectors.joining(":"));
            if (classpath.isEmpty()) {
                throw new IllegalStateException(RUNTIME_CLIENT + " holds no jar");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(RUNTIME_CLIENT.toAbsolutePath()
                    + " is missing: the build copies the runtime interface client there (process-test-resources)", e);
        }
    }

    /** Hands the function one event, as Lambda would, and waits for its answer. */
    RuntimeApi.Answer invoke(String event) {
        CompletableFuture<RuntimeApi.Answer> answer = api.submit(event);
        long giveUpAt = System.nanoTime() + LONGEST_WAIT.toNanos();
        while (true) {
            try {
                return answer.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                if (!process.isAlive()) {
                    throw new AssertionError(name() + " ended (exit " + process.exitValue() + ") without answering; "
                            + launch.log() + " ends:\n" + logTail());
                }
                if (System.nanoTime() > giveUpAt) {
                    throw new AssertionError(name() + " did not answer within " + LONGEST_WAIT + "; " + launch.log()
                            + " ends:\n" + logTail());
                }
            } catch (ExecutionException e) {
                throw new AssertionError(name() + ": " + e.getCause().getMessage() + "; " + launch.log() + " ends:\n"
                        + logTail(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until the runtime client asks for its first event: the function's init is done. */
    long awaitInit() {
        long giveUpAt = System.nanoTime() + LONGEST_WAIT.toNanos();
        while (api.initDoneAt().isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > giveUpAt) {
                throw new AssertionError(name() + " never finished its init" + api.startError().map(error -> " (" + error + ")")
                        .orElse("") + "; " + launch.log() + " ends:\n" + logTail());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return api.initDoneAt().getAsLong();
    }

    String name() {
        return launch.function().name();
    }

    Launch launch() {
        return launch;
    }

    /** {@link System#nanoTime()} just before the JVM was started. */
    long startedAt() {
        return startedAt;
    }

    OptionalLong initDoneAt() {
        return api.initDoneAt();
    }

    /** Started as SnapStart starts it: when the runtime was ready for the snapshot (init and priming done). */
    OptionalLong restoreNextAt() {
        return api.restoreNextAt();
    }

    Path log() {
        return launch.log();
    }

    String logText() {
        try {
            return Files.readString(launch.log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logTail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Ends the JVM (as Lambda ends an idle environment) and waits until it has. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** Ends the JVM, giving it {@code grace} to finish what it does on exit (a CDS archive, say). */
    void close(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            api.close();
        }
    }
}
