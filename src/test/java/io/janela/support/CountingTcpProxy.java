package io.janela.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A TCP forwarder in front of a server that counts the connections clients open through it and
 * how many are still open: whether a client keeps a pooled connection is seen from outside it.
 */
public final class CountingTcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();

    public CountingTcpProxy(int target) {
        this.target = target;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(this::acceptForever, "tcp-proxy-accept");
    }

    public String endpoint() {
        return "http://localhost:" + server.getLocalPort();
    }

    /** Connections opened through the proxy since it started. */
    public int opened() {
        return opened.get();
    }

    /** Connections still open: the client has not closed them, nor has the server. */
    public int open() {
        return open.get();
    }

    /** Waits up to two seconds for the count of open connections to satisfy {@code expected}; the count then. */
    public int openOnceSettled(IntPredicate expected) {
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!expected.test(open.get()) && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return open.get();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                opened.incrementAndGet();
                open.incrementAndGet();
                AtomicInteger pumps = new AtomicInteger(2);
                Runnable closed = () -> {
                    if (pumps.decrementAndGet() == 0) {
                        open.decrementAndGet();
                    }
                };
                daemon(() -> pump(client, upstream, closed), "tcp-proxy-up");
                daemon(() -> pump(upstream, client, closed), "tcp-proxy-down");
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Copies one direction until it ends; then closes both sockets, as either side hanging up ends the connection. */
    private static void pump(Socket from, Socket to, Runnable closed) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // the other pump closed the sockets, or a side reset the connection
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            closed.run();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
