package io.janela.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code infra/template.yaml}, the one definition of Janela's tables and HTTP routes,
 * so local mode and the tests build exactly what AWS gets.
 */
public final class SamTemplate {

    public static final String RESOURCE = "template.yaml";

    /** A route of the HttpApi and the function (QUARKUS_FUNQY_EXPORT) serving it. */
    public record Route(String method, String path, String function) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    public static SamTemplate fromClasspath() {
        try (InputStream in = SamTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new SamTemplate(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("infra/template.yaml could not be read", e);
        }
    }

    /** The {@code Properties} of every {@code AWS::DynamoDB::Table}, by logical id. */
    public Map<String, JsonNode> tables() {
        Map<String, JsonNode> tables = new java.util.LinkedHashMap<>();
        resources().forEachRemaining(resource -> {
            if ("AWS::DynamoDB::Table".equals(resource.getValue().path("Type").asText())) {
                tables.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        });
        return tables;
    }

    public List<Route> httpRoutes() {
        List<Route> routes = new ArrayList<>();
        resources().forEachRemaining(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            if (!"AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                return;
            }
            String function = properties.path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText();
            properties.path("Events").forEach(event -> {
                if ("HttpApi".equals(event.path("Type").asText()) && event.path("Properties").has("Path")) {
                    JsonNode route = event.path("Properties");
                    routes.add(new Route(route.path("Method").asText().toUpperCase(java.util.Locale.ROOT),
                            route.path("Path").asText(), function));
                }
            });
        });
        return routes;
    }

    /**
     * The function of the HttpApi's {@code $default} route (an HttpApi event with no Path and no
     * Method), which takes every request no route matches; {@link #httpRoutes()} leaves it out.
     */
    public Optional<String> defaultRouteFunction() {
        List<String> functions = new ArrayList<>();
        resources().forEachRemaining(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            properties.path("Events").forEach(event -> {
                if ("HttpApi".equals(event.path("Type").asText()) && !event.path("Properties").has("Path")) {
                    functions.add(properties.path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText());
                }
            });
        });
        return functions.stream().findFirst();
    }

    public Optional<JsonNode> resource(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        return resource.isMissingNode() ? Optional.empty() : Optional.of(resource);
    }

    private Iterator<Map.Entry<String, JsonNode>> resources() {
        return root.path("Resources").fields();
    }
}
