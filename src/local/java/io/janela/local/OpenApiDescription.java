package io.janela.local;

import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/**
 * The OpenAPI description of every route, {@code infra/openapi.yaml}. The local build puts the
 * kept file itself on the classpath (a resource entry of the pom, as for the SAM template), so
 * what {@code GET /openapi.yaml} serves is never a copy that drifted.
 */
final class OpenApiDescription {

    static final String RESOURCE = "openapi.yaml";
    static final String METHOD = "GET";
    static final String PATH = "/openapi.yaml";

    private final byte[] bytes;

    private OpenApiDescription(byte[] bytes) {
        this.bytes = bytes;
    }

    static OpenApiDescription fromClasspath() {
        try (InputStream in = OpenApiDescription.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the local build takes it from infra/");
            }
            return new OpenApiDescription(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("infra/openapi.yaml could not be read", e);
        }
    }

    /**
     * The file's bytes as they are (base64 in the event, as API Gateway carries bytes), readable
     * from a documentation viewer on another origin.
     */
    HttpApiResponse response(HttpApiRequest request) {
        return new HttpApiResponse(200, Map.of("content-type", "application/yaml", "access-control-allow-origin", "*"),
                Base64.getEncoder().encodeToString(bytes), true);
    }
}
