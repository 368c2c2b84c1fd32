package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.janela.functions.http.HttpApiResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The page's files as local mode serves them, from a class loader that holds a few. */
class DeskPageTest {

    private static final Map<String, String> FILES = Map.of(
            "desk-page/index.html", "<!doctype html><title>desk</title>",
            "desk-page/assets/index-abc123.js", "console.log(1)",
            "desk-page/assets/index-abc123.css", "body{}",
            "secret.txt", "not the page's");

    private static final ClassLoader LOADER = new ClassLoader(null) {
        @Override
        public InputStream getResourceAsStream(String name) {
            String text = FILES.get(name);
            return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
    };

    private final DeskPage page = new DeskPage(LOADER);

    private static String body(HttpApiResponse response) {
        return new String(Base64.getDecoder().decode(response.body()), StandardCharsets.UTF_8);
    }

    @Test
    void theFolderItselfIsTheIndexPage() {
        HttpApiResponse index = page.answer("GET", "/desk/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", index.headers().get("content-type"));
        assertEquals("no-cache", index.headers().get("cache-control"));
        assertEquals("<!doctype html><title>desk</title>", body(index));
    }

    @Test
    void assetsCarryTheirTypeAndAreKeptForeverSinceTheirNamesAreTheirHashes() {
        HttpApiResponse script = page.answer("GET", "/desk/assets/index-abc123.js");
        assertEquals("text/javascript; charset=utf-8", script.headers().get("content-type"));
        assertEquals("public, max-age=31536000, immutable", script.headers().get("cache-control"));
        assertEquals("nosniff", script.headers().get("x-content-type-options"));
        assertEquals("text/css; charset=utf-8", page.answer("GET", "/desk/assets/index-abc123.css").headers().get("content-type"));
    }

    @Test
    void configTellsThePageItRunsAgainstLocalMode() {
        HttpApiResponse config = page.answer("GET", "/desk/config.json");
        assertEquals(200, config.statusCode());
        assertEquals("application/json", config.headers().get("content-type"));
        assertEquals("{\"mode\":\"local\",\"api\":\"\"}", body(config));
    }

    @Test
    void noPathLeavesThePagesFolder() {
        for (String path : new String[] {"/desk/../secret.txt", "/desk/%2e%2e/secret.txt", "/desk/assets/..%2f..%2fsecret.txt",
                "/desk/assets/%2e%2e/%2e%2e/secret.txt", "/desk/..\\secret.txt", "/desk//etc/passwd", "/desk/.hidden",
                "/desk/assets/", "/desk/%00index.html"}) {
            assertEquals(404, page.answer("GET", path).statusCode(), path);
        }
        assertEquals(Optional.empty(), DeskPage.fileOf("/desk/a/../../secret.txt"));
        assertEquals(Optional.of("assets/index-abc123.js"), DeskPage.fileOf("/desk/assets/index-abc123.js"));
    }

    @Test
    void aFileThePageDoesNotHaveIsNotFound() {
        assertEquals(404, page.answer("GET", "/desk/nothing.js").statusCode());
    }

    @Test
    void thePageIsOnlyRead() {
        HttpApiResponse post = page.answer("POST", "/desk/");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().get("allow"));
        HttpApiResponse head = page.answer("HEAD", "/desk/");
        assertEquals(200, head.statusCode());
        assertNull(head.body());
    }

    @Test
    void anUnbuiltPageSaysHowToBuildIt() {
        HttpApiResponse missing = new DeskPage(new ClassLoader(null) { }).answer("GET", "/desk/");
        assertEquals(404, missing.statusCode());
        assertEquals("the desk page was not built: build it with ./mvnw (without -Ddesk.skip)", missing.body());
    }
}
