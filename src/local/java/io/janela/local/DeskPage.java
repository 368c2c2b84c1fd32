package io.janela.local;

import io.janela.functions.http.HttpApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The agents' page at {@code /desk/}, as local mode serves it: the files the build put on the
 * classpath under {@value #CLASSPATH_ROOT} (the page's own build, see desk/README.md), and
 * {@code /desk/config.json}, which tells the page it runs against local mode. In AWS the page is
 * static files on their own host, so these are no routes of the HTTP API or its description.
 */
public final class DeskPage {

    public static final String PREFIX = "/desk/";
    static final String CLASSPATH_ROOT = "desk-page/";
    /** Same origin as the API, which names the agent by the X-Janela-Agent header. */
    static final String LOCAL_CONFIG = "{\"mode\":\"local\",\"api\":\"\"}";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "txt", "text/plain; charset=utf-8");
    /** A path segment the page's files may have: no dot segments, no separators, no encoded tricks. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final ClassLoader classLoader;

    public DeskPage(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public HttpApiResponse answer(String method, String rawPath) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new HttpApiResponse(405, Map.of("allow", "GET, HEAD", "content-type", "text/plain; charset=utf-8"),
                    "the desk page is read with GET", false);
        }
        Optional<String> file = fileOf(rawPath);
        if (file.isEmpty()) {
            return HttpApiResponse.text(404, "no such file of the desk page");
        }
        if (file.get().equals("config.json")) {
            return answer(method, "json", "no-cache", LOCAL_CONFIG.getBytes(StandardCharsets.UTF_8));
        }
        Optional<byte[]> bytes = read(CLASSPATH_ROOT + file.get());
        if (bytes.isEmpty()) {
            return HttpApiResponse.text(404, file.get().equals("index.html")
                    ? "the desk page was not built: build it with ./mvnw (without -Ddesk.skip)"
                    : "no such file of the desk page");
        }
        // Vite names every asset by its content's hash: those never change; index.html names them
        String caching = file.get().startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
        return answer(method, extension(file.get()), caching, bytes.get());
    }

    /**
     * The file a request path names under {@value #PREFIX}: {@code index.html} for the folder
     * itself; nothing for a path that leaves the page's folder or names a dot file.
     */
    static Optional<String> fileOf(String rawPath) {
        if (!rawPath.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = URLDecoder.decode(rawPath.substring(PREFIX.length()), StandardCharsets.UTF_8);
        if (rest.isEmpty()) {
            return Optional.of("index.html");
        }
        for (String segment : rest.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(rest);
    }

    private HttpApiResponse answer(String method, String extension, String caching, byte[] bytes) {
        Map<String, String> headers = Map.of(
                "content-type", TYPES.getOrDefault(extension, "application/octet-stream"),
                "cache-control", caching,
                "x-content-type-options", "nosniff");
        return new HttpApiResponse(200, headers, method.equals("HEAD") ? null : Base64.getEncoder().encodeToString(bytes), true);
    }

    private Optional<byte[]> read(String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the desk page's " + resource + " could not be read", e);
        }
    }

    private static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
