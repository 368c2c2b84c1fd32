package io.janela.runtime;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Lambda Runtime API (version 2018-06-01) as Lambda serves it to a function's runtime client:
 * {@code GET /runtime/invocation/next} blocks until an event is queued, and the runtime answers it on
 * {@code /response} or {@code /error}, or reports a failed start on {@code /init/error}. The first
 * {@code /next} marks the end of the function's init, as Lambda's own "Init Duration" does. Started
 * as SnapStart starts a function, the runtime client runs the {@code org.crac} hooks before the
 * snapshot, asks {@code GET /runtime/restore/next} (where Lambda would snapshot it, and later return
 * in a restored copy; here it returns at once), runs the hooks after the restore, then asks for its
 * first event; a failed hook after the restore is reported on {@code /restore/error}. Times are
 * {@link System#nanoTime()}.
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final String TRACE_ID = "Root=1-6752b8c0-2f0c4e6b9a1d3c5e7f901234;Parent=53995c3f42cd8ad8;Sampled=0";

    /** What the function answered to one event. */
    record Answer(String body, Optional<String> errorType, long deliveredAt, long answeredAt) {

        boolean failed() {
            return errorType.isPresent();
        }
    }

    private record Invocation(String id, byte[] event, CompletableFuture<Answer> answer, AtomicLong deliveredAt) {
    }

    private final String functionArn;
    private final Duration timeout;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong firstNextAt = new AtomicLong();
    private final AtomicLong restoreNextAt = new AtomicLong();
    private final AtomicReference<String> startError = new AtomicReference<>();
    private final LoopbackServer server;

    private RuntimeApi(String functionArn, Duration timeout) {
        this.functionArn = functionArn;
        this.timeout = timeout;
        this.server = LoopbackServer.serve("runtime-api", PREFIX, this::handle);
    }

    /** Serves one function (Lambda gives every execution environment its own API) on a free loopback port. */
    static RuntimeApi start(String functionArn, Duration timeout) {
        return new RuntimeApi(functionArn, timeout);
    }

    /** {@code host:port}, as Lambda passes it in {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return server.address();
    }

    /** Queues an event; the future completes when the function answers it. */
    CompletableFuture<Answer> submit(String event) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event.getBytes(StandardCharsets.UTF_8),
                new CompletableFuture<>(), new AtomicLong());
        inFlight.put(invocation.id(), invocation);
        queued.add(invocation);
        return invocation.answer();
    }

    /** When the runtime first asked for an event: its init was done. */
    OptionalLong initDoneAt() {
        long at = firstNextAt.get();
        return at == 0 ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** When the runtime, started as SnapStart starts it, was ready for its snapshot: its init and the hooks before were done. */
    OptionalLong restoreNextAt() {
        long at = restoreNextAt.get();
        return at == 0 ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** The error the runtime reported instead of starting or resuming, if it did. */
    Optional<String> startError() {
        return Optional.ofNullable(startError.get());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("GET") && path.equals("restore/next")) {
                restoreNextAt.compareAndSet(0, System.nanoTime());
                exchange.sendResponseHeaders(200, -1);
            } else if (method.equals("POST") && (path.equals("init/error") || path.equals("restore/error"))) {
                startError.set(path + ": " + body(exchange));
                inFlight.values().forEach(waiting -> waiting.answer().completeExceptionally(
                        new IllegalStateException("the function failed to start: " + startError.get())));
                accepted(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/")) {
                answered(exchange, path.substring("invocation/".length()));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstNextAt.compareAndSet(0, System.nanoTime());
        Invocation invocation;
        try {
            invocation = queued.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        invocation.deliveredAt().set(System.nanoTime());
        var headers = exchange.getResponseHeaders();
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.id());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + timeout.toMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.add("Lambda-Runtime-Trace-Id", TRACE_ID);
        // Lambda always sends one; the runtime client's native code reads it unchecked and crashes without it
        headers.add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, invocation.event().length);
        exchange.getResponseBody().write(invocation.event());
    }

    /** {@code <id>/response} or {@code <id>/error}. */
    private void answered(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        Invocation invocation = slash < 0 ? null : inFlight.remove(rest.substring(0, slash));
        if (invocation == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        String kind = rest.substring(slash + 1);
        Optional<String> errorType = kind.equals("error")
                ? Optional.of(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                        .orElse("Unhandled"))
                : Optional.empty();
        String body = body(exchange);
        accepted(exchange);
        invocation.answer().complete(new Answer(body, errorType, invocation.deliveredAt().get(), System.nanoTime()));
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(202, -1);
    }

    @Override
    public void close() {
        server.close();
    }
}
