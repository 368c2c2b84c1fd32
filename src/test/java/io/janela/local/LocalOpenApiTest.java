package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.janela.support.OpenApiDocument;
import io.janela.support.OpenApiDocument.Operation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Local mode serves infra/openapi.yaml as kept, and the description covers every route it serves. */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(LocalModeProfile.class)
class LocalOpenApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    LocalMode localMode;

    @Test
    void theDescriptionIsServedAsTheRepositoryKeepsIt() throws Exception {
        HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + localMode.port() + "/openapi.yaml")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, served.statusCode());
        assertEquals("application/yaml", served.headers().firstValue("content-type").orElse(""));
        assertEquals("*", served.headers().firstValue("access-control-allow-origin").orElse(""),
                "a viewer on another origin (Swagger UI, Redoc) may read it");
        assertArrayEquals(Files.readAllBytes(OpenApiDocument.FILE), served.body());
    }

    /**
     * What the gateway actually serves, the template's routes and local mode's own, against the
     * description: every one described, and every route marked local-only served. A stand-in
     * served under a prefix ({@code ANY /sandbox/{proxy+}}) is covered by the routes described
     * under it.
     */
    @Test
    void everyRouteLocalModeServesIsDescribedAndMarkedAsItIs() {
        List<Operation> operations = OpenApiDocument.read().operations();
        Set<String> localOnly = operations.stream().filter(Operation::localOnly).map(Operation::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> forAws = operations.stream().filter(operation -> !operation.localOnly()).map(Operation::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));

        List<String> problems = new ArrayList<>();
        for (String served : localMode.routeKeys()) {
            if (!forAws.contains(served)) {
                problems.add(served + " is served (a route of the template) but not described"
                        + (localOnly.contains(served) ? " for AWS: it is marked local-only" : ""));
            }
        }
        for (String described : forAws) {
            if (!localMode.routeKeys().contains(described)) {
                problems.add(described + " is described as a route of AWS, but it is not one of the template routes local mode serves");
            }
        }
        for (String served : localMode.localRouteKeys()) {
            if (localOnly.stream().noneMatch(described -> covers(served, described))) {
                problems.add(served + " is served but not described as local-only");
            }
        }
        for (String described : localOnly) {
            if (localMode.localRouteKeys().stream().noneMatch(served -> covers(served, described))) {
                problems.add(described + " is described as local-only but local mode does not serve it");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static boolean covers(String served, String described) {
        String proxy = "{proxy+}";
        if (served.startsWith("ANY ") && served.endsWith(proxy)) {
            String prefix = served.substring("ANY ".length(), served.length() - proxy.length());
            return described.substring(described.indexOf(' ') + 1).startsWith(prefix);
        }
        return served.equals(described);
    }
}
