package io.janela.adapters.meta;

import io.janela.config.JanelaConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Graph API over the JDK's own HTTP client. The bean is built with the sender, on a function's
 * first send (or while the send function is primed), so the functions that never send (webhook,
 * desk, assign) never start an HTTP client for Meta; no connection is opened before a send, so none
 * is ever frozen into a SnapStart snapshot.
 */
@Singleton
public class HttpGraphApi implements GraphApi {

    private final String baseUrl;
    private final Duration readTimeout;
    private final HttpClient http;

    @Inject
    public HttpGraphApi(JanelaConfig config) {
        this(config.meta().graphUrl(), config.meta().connectTimeout(), config.meta().readTimeout());
    }

    public HttpGraphApi(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.readTimeout = readTimeout;
        // HTTP/1.1 as Meta documents the API; no redirects: a message is posted once, to the URL named
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Answer sendMessage(String version, String phoneNumberId, String authorization, byte[] message)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/" + segment(version) + "/" + segment(phoneNumberId) + "/messages"))
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Meta's answer");
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
