package io.janela.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AWS's DynamoDB Local, started inside this JVM: no Docker, no AWS account. It keeps its data
 * in a folder (surviving restarts) or in memory (tests).
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private static final String NATIVE_LIBRARY_PATH = "sqlite4java.library.path";

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedDynamoDb inMemory() {
        return start(freePort(), Optional.empty());
    }

    public static EmbeddedDynamoDb persistent(int port, Path dataDir) {
        return start(port, Optional.of(dataDir));
    }

    private static EmbeddedDynamoDb start(int port, Optional<Path> dataDir) {
        locateNativeLibraries();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        if (dataDir.isPresent()) {
            try {
                Files.createDirectories(dataDir.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data folder " + dataDir.get(), e);
            }
            // one database file for every client, whatever region or key it claims
            args.addAll(List.of("-sharedDb", "-dbPath", dataDir.get().toAbsolutePath().toString()));
        } else {
            args.addAll(List.of("-inMemory", "-sharedDb"));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new EmbeddedDynamoDb(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * DynamoDB Local stores through SQLite's native library, which the build copies to
     * {@code native-libs} beside the classes (or the runner jar).
     */
    private static void locateNativeLibraries() {
        if (System.getProperty(NATIVE_LIBRARY_PATH) != null) {
            return;
        }
        try {
            Path code = Path.of(EmbeddedDynamoDb.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path nativeLibs = code.getParent().resolve("native-libs");
            if (Files.isDirectory(nativeLibs)) {
                System.setProperty(NATIVE_LIBRARY_PATH, nativeLibs.toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // leave it to sqlite4java's own search, which reports what it could not find
        }
    }
}
