package io.janela.adapters.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.LogText;
import io.janela.application.media.MediaSource;
import io.janela.application.outbound.MetaCredentials;
import io.janela.config.JanelaConfig;
import io.janela.domain.message.MetaError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Meta's two-step media download: {@code GET /{version}/{media-id}} names a short-lived url, and a
 * GET of that url with the same bearer token answers the file. A file larger than the bound is
 * refused by Meta's {@code file_size} before the download, and by counting the bytes during it
 * (a size that does not match never makes the desk hold more than the bound). A refused token is
 * asked of the credentials once more, as for sends.
 */
@ApplicationScoped
public class GraphMediaSource implements MediaSource {

    private static final Logger LOG = Logger.getLogger(GraphMediaSource.class);
    /** What a Content-Type header may carry: a type, a subtype, parameters; nothing that ends the header. */
    private static final Pattern MIME_TYPE = Pattern.compile("[A-Za-z0-9.+-]{1,64}/[A-Za-z0-9.+-]{1,128}( ?;[ -~]{0,128})?");
    private static final String UNKNOWN_TYPE = "application/octet-stream";
    private static final int CHUNK = 64 * 1024;
    /** Meta's error answers are small; more than this is not one. */
    private static final int ERROR_BODY_LIMIT = 16 * 1024;

    private final GraphMediaApi graph;
    private final MetaCredentials credentials;
    private final ObjectMapper json;
    private final String apiVersion;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private volatile HttpClient downloads;

    @Inject
    public GraphMediaSource(@RestClient GraphMediaApi graph, MetaCredentials credentials, JanelaConfig config, ObjectMapper json,
            @ConfigProperty(name = "quarkus.rest-client.meta-graph.connect-timeout", defaultValue = "5000") long connectTimeoutMs,
            @ConfigProperty(name = "quarkus.rest-client.meta-graph.read-timeout", defaultValue = "20000") long readTimeoutMs) {
        this.graph = graph;
        this.credentials = credentials;
        this.json = json;
        this.apiVersion = config.meta().apiVersion();
        this.connectTimeout = Duration.ofMillis(connectTimeoutMs);
        this.readTimeout = Duration.ofMillis(readTimeoutMs);
    }

    /** Where the metadata step ended: the file's url, or the answer to give instead. */
    private sealed interface Located {
    }

    private record Found(URI url, String mimeType, OptionalLong fileSize, String token) implements Located {
    }

    private record Failed(MediaFetch answer) implements Located {
    }

    @Override
    public MediaFetch fetch(String mediaId, long maxBytes) {
        Located located = locate(mediaId);
        MediaFetch answer;
        if (located instanceof Failed failed) {
            answer = failed.answer();
        } else {
            Found found = (Found) located;
            answer = found.fileSize().isPresent() && found.fileSize().getAsLong() > maxBytes
                    ? new TooLarge(found.fileSize().getAsLong(), maxBytes)
                    : download(found, maxBytes);
        }
        log(mediaId, answer);
        return answer;
    }

    private Located locate(String mediaId) {
        Optional<String> token = credentials.accessToken();
        Located located = metadata(mediaId, token);
        if (located instanceof Failed failed && failed.answer() instanceof TokenRefused) {
            Optional<String> renewal = credentials.renewedAccessToken(token.orElse(""));
            LOG.infof("event=meta_token_refused media=%s renewed=%b", mediaId, renewal.isPresent());
            if (renewal.isPresent()) {
                located = metadata(mediaId, renewal);
            }
        }
        return located;
    }

    private Located metadata(String mediaId, Optional<String> token) {
        Response response;
        try {
            response = graph.media(apiVersion, mediaId, token.map(value -> "Bearer " + value).orElse(null));
        } catch (WebApplicationException e) {
            // the REST client's default mapper throws for every status >= 400, with Meta's answer inside
            response = e.getResponse();
        } catch (ProcessingException e) {
            return new Failed(new Unreachable(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        int status = response.getStatus();
        String body = GraphAnswers.readBody(response);
        if (status < 200 || status >= 300) {
            return new Failed(failure(status, body));
        }
        Optional<GraphMediaResponse> media = GraphAnswers.parse(json, body, GraphMediaResponse.class)
                .filter(answer -> answer.url() != null && isWebUrl(answer.url()));
        if (media.isEmpty()) {
            return new Failed(new MetaFailed(status, GraphAnswers.withoutMetaError(status, body), false));
        }
        GraphMediaResponse found = media.get();
        OptionalLong size = found.fileSize() == null ? OptionalLong.empty() : OptionalLong.of(found.fileSize());
        return new Found(URI.create(found.url()), mimeType(found.mimeType()), size, token.orElse(""));
    }

    /** Meta answers an unknown (or expired) media id with 404, or 400 and code 100 (no such object). */
    private MediaFetch failure(int status, String body) {
        Optional<GraphErrorResponse.GraphError> answered = GraphAnswers.metaError(json, body);
        MetaError error = answered.map(GraphErrorResponse.GraphError::toMetaError)
                .orElseGet(() -> GraphAnswers.withoutMetaError(status, body));
        if (GraphAnswers.tokenRefused(status, error)) {
            return new TokenRefused(error);
        }
        if (status == 404 || error.code() == 100) {
            return new UnknownMedia();
        }
        return new MetaFailed(status, error, GraphAnswers.transientFailure(status, error));
    }

    private MediaFetch download(Found found, long maxBytes) {
        HttpRequest request = HttpRequest.newBuilder(found.url())
                .timeout(readTimeout)
                .header("Authorization", "Bearer " + found.token())
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() < 200 || response.statusCode() >= 300) {
                    return failure(response.statusCode(), new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8));
                }
                return read(body, maxBytes, found.mimeType());
            }
        } catch (IOException e) {
            return new Unreachable(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unreachable("interrupted while downloading");
        }
    }

    /** Reads at most {@code maxBytes}: one byte more, and the download stops there. */
    private static MediaFetch read(InputStream body, long maxBytes, String mimeType) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int read = body.read(chunk); read != -1; read = body.read(chunk)) {
            total += read;
            if (total > maxBytes) {
                return new TooLarge(total, maxBytes);
            }
            file.write(chunk, 0, read);
        }
        return new Fetched(file.toByteArray(), mimeType);
    }

    /** Built at the first download, not at start: most invocations of the send function never download. */
    private HttpClient client() {
        HttpClient client = downloads;
        if (client == null) {
            synchronized (this) {
                if (downloads == null) {
                    downloads = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
                }
                client = downloads;
            }
        }
        return client;
    }

    /** The token goes to the url Meta names, so only a web url is followed. */
    private static boolean isWebUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }

    private static String mimeType(String given) {
        return given != null && MIME_TYPE.matcher(given).matches() ? given : UNKNOWN_TYPE;
    }

    private static void log(String mediaId, MediaFetch answer) {
        if (answer instanceof Fetched fetched) {
            LOG.infof("event=media_fetched media=%s bytes=%d type=%s", mediaId, fetched.bytes().length, LogText.of(fetched.mimeType()));
        } else if (answer instanceof TooLarge tooLarge) {
            LOG.infof("event=media_too_large media=%s size=%d max=%d", mediaId, tooLarge.size(), tooLarge.maxBytes());
        } else {
            LOG.warnf("event=media_not_fetched media=%s outcome=%s", mediaId, answer.getClass().getSimpleName());
        }
    }
}
