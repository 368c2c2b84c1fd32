package io.janela.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code infra/openapi.yaml}, the description of every HTTP route, read as API tooling reads it. */
public final class OpenApiDocument {

    public static final Path FILE = Path.of("infra/openapi.yaml");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    /** One operation: a method on a path, with the path item it belongs to (which may hold shared parameters). */
    public record Operation(String method, String path, JsonNode pathItem, JsonNode node) {

        public String routeKey() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }

        /** Marked {@code x-janela-local-only: true}: served by local mode only, never by AWS. */
        public boolean localOnly() {
            return node.path("x-janela-local-only").asBoolean(false);
        }

        /** {@code x-janela-function}: the Lambda function (QUARKUS_FUNQY_EXPORT) that serves it. */
        public Optional<String> function() {
            JsonNode function = node.path("x-janela-function");
            return function.isTextual() ? Optional.of(function.asText()) : Optional.empty();
        }
    }

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument read() {
        try {
            return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(FILE + " could not be read", e);
        }
    }

    public JsonNode root() {
        return root;
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (METHODS.contains(entry.getKey())) {
                operations.add(new Operation(entry.getKey(), path.getKey(), path.getValue(), entry.getValue()));
            }
        }));
        return operations;
    }

    /** The node a local {@code $ref} ({@code #/components/...}) points at, or the node itself; missing if it points nowhere. */
    public JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (!ref.isTextual()) {
            return node;
        }
        if (!ref.asText().startsWith("#/")) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return root.at(ref.asText().substring(1));
    }
}
