package io.janela.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;

/**
 * With SnapStart, Lambda hands the SDK its credentials through the container credentials endpoint,
 * and the SDK keeps what it fetched until shortly before it expires. Played here by a local
 * endpoint whose credentials change, as they do between the snapshot and a restore.
 */
class RestorableCredentialsTest {

    private static final String FULL_URI = "aws.containerCredentialsFullUri";

    private HttpServer endpoint;
    private final AtomicReference<String> vending = new AtomicReference<>("ASIASNAPSHOT");
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void lambdasCredentialsEndpoint() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/credentials", exchange -> {
            fetches.incrementAndGet();
            byte[] body = """
                    {"AccessKeyId":"%s","SecretAccessKey":"secret","Token":"token","Expiration":"%s"}
                    """.formatted(vending.get(), Instant.now().plus(1, ChronoUnit.HOURS)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        System.setProperty(FULL_URI, "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials");
    }

    @AfterEach
    void stop() {
        System.clearProperty(FULL_URI);
        endpoint.stop(0);
    }

    @Test
    void credentialsFetchedBeforeTheSnapshotAreNotUsedAfterARestore() {
        RestorableCredentials credentials = new RestorableCredentials(() -> ContainerCredentialsProvider.builder().build());
        assertEquals("ASIASNAPSHOT", credentials.resolveCredentials().accessKeyId());
        vending.set("ASIARESTORED");
        assertEquals("ASIASNAPSHOT", credentials.resolveCredentials().accessKeyId(), "the SDK caches what it fetched");
        assertEquals(1, fetches.get());

        credentials.renew();

        assertEquals("ASIARESTORED", credentials.resolveCredentials().accessKeyId());
        assertEquals(2, fetches.get());
    }
}
