package io.janela.runtime;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The JDK's HTTP server on a free loopback port, one daemon thread per exchange. */
final class LoopbackServer implements AutoCloseable {

    static {
        // the JDK's server writes headers and body apart; without TCP_NODELAY every answer waits for a
        // delayed ACK (40 ms), which would be counted as the function's time
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads;

    private LoopbackServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static LoopbackServer serve(String name, String path, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService threads = Executors.newCachedThreadPool(work -> {
                Thread thread = new Thread(work, name);
                thread.setDaemon(true);
                return thread;
            });
            server.createContext(path, handler);
            server.setExecutor(threads);
            server.start();
            return new LoopbackServer(server, threads);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " could not listen", e);
        }
    }

    /** {@code host:port}. */
    String address() {
        InetSocketAddress address = server.getAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
