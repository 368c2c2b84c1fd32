package io.janela.runtime;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pass-through HTTP proxy in front of DynamoDB Local that notes when the first write request
 * (PutItem, UpdateItem, DeleteItem, TransactWriteItems, BatchWriteItem) reaches it since the last
 * {@link #reset()}, by its {@code X-Amz-Target} header. Times are {@link System#nanoTime()}.
 */
final class FirstWriteProxy implements AutoCloseable {

    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
            "BatchWriteItem");
    /** Headers the JDK's client sets itself. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final AtomicLong firstWriteAt = new AtomicLong();
    private final LoopbackServer server;

    private FirstWriteProxy(URI target) {
        this.target = target;
        this.server = LoopbackServer.serve("dynamo-proxy", "/", this::forward);
    }

    static FirstWriteProxy in(String dynamoEndpoint) {
        return new FirstWriteProxy(URI.create(dynamoEndpoint));
    }

    String endpoint() {
        return "http://" + server.address();
    }

    void reset() {
        firstWriteAt.set(0);
    }

    OptionalLong firstWriteAt() {
        long at = firstWriteAt.get();
        return at == 0 ? OptionalLong.empty() : OptionalLong.of(at);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String operation = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            if (WRITES.contains(operation.substring(operation.indexOf('.') + 1))) {
                firstWriteAt.compareAndSet(0, System.nanoTime());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(),
                            HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("transfer-encoding")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
