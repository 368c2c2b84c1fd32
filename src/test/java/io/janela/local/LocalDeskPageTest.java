package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Local mode serves the page the build made (desk/, built by npm from Maven) at /desk/. */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(LocalModeProfile.class)
class LocalDeskPageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    LocalMode localMode;

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + localMode.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageItsScriptAndItsConfigAreServedUnderDesk() throws Exception {
        HttpResponse<String> index = get("/desk/");
        assertEquals(200, index.statusCode(), index.body());
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("content-type").orElse(""));
        Matcher script = Pattern.compile("src=\"(/desk/assets/[^\"]+\\.js)\"").matcher(index.body());
        assertTrue(script.find(), "index.html names its script under /desk/assets/: " + index.body());

        HttpResponse<String> code = get(script.group(1));
        assertEquals(200, code.statusCode());
        assertEquals("text/javascript; charset=utf-8", code.headers().firstValue("content-type").orElse(""));

        HttpResponse<String> config = get("/desk/config.json");
        assertEquals("{\"mode\":\"local\",\"api\":\"\"}", config.body());
    }

    @Test
    void nothingOutsideThePageIsServedThroughIt() throws Exception {
        assertEquals(404, get("/desk/%2e%2e/application.properties").statusCode());
        assertEquals(404, get("/desk/..%2fapplication.properties").statusCode());
    }
}
