package io.janela.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One function as infra/template.yaml deploys it: the runtime, handler, memory and timeout
 * (its own or the Globals'), and its environment (the Globals' variables, then its own), with each
 * {@code Ref} resolved the way CloudFormation would: a table to the name the test gave it, a
 * parameter to the test's value or else its default. Anything else the template refers to stops
 * the test with its name, so a new kind of reference is handled here on purpose, never passed on
 * unresolved.
 */
record TemplateFunction(String name, String logicalId, String runtime, String handler, int memoryMb, Duration timeout,
        Map<String, String> environment) {

    static final Path TEMPLATE = Path.of("infra/template.yaml");

    /**
     * The function whose {@code QUARKUS_FUNQY_EXPORT} is {@code name}; {@code tables} names each table
     * by logical id, {@code parameters} gives the test's value of a template parameter.
     */
    static TemplateFunction load(String name, Map<String, String> tables, Map<String, String> parameters) {
        JsonNode template = read();
        JsonNode globals = template.path("Globals").path("Function");
        var resources = template.path("Resources").properties();
        for (var resource : resources) {
            JsonNode properties = resource.getValue().path("Properties");
            if (!"AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())
                    || !name.equals(properties.path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText())) {
                continue;
            }
            References references = new References(template, tables, parameters);
            Map<String, String> environment = new LinkedHashMap<>();
            for (JsonNode variables : new JsonNode[] {globals.path("Environment").path("Variables"),
                    properties.path("Environment").path("Variables")}) {
                variables.properties().forEach(variable ->
                        environment.put(variable.getKey(), references.resolve(variable.getKey(), variable.getValue())));
            }
            return new TemplateFunction(name, resource.getKey(),
                    setting(properties, globals, "Runtime").asText(),
                    setting(properties, globals, "Handler").asText(),
                    setting(properties, globals, "MemorySize").asInt(128),
                    Duration.ofSeconds(setting(properties, globals, "Timeout").asInt(3)),
                    Map.copyOf(environment));
        }
        throw new IllegalArgumentException("no function in " + TEMPLATE + " exports " + name);
    }

    /** The same function with {@code variable} left out of its environment. */
    TemplateFunction without(String variable) {
        Map<String, String> fewer = new LinkedHashMap<>(environment);
        fewer.remove(variable);
        return new TemplateFunction(name, logicalId, runtime, handler, memoryMb, timeout, Map.copyOf(fewer));
    }

    /** Another function deployed as this one: the same runtime, handler, memory, timeout and {@code environment}. */
    TemplateFunction sibling(String otherName, String otherLogicalId, Map<String, String> otherEnvironment) {
        return new TemplateFunction(otherName, otherLogicalId, runtime, handler, memoryMb, timeout, Map.copyOf(otherEnvironment));
    }

    private static JsonNode setting(JsonNode function, JsonNode globals, String key) {
        return function.has(key) ? function.path(key) : globals.path(key);
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(TEMPLATE + " could not be read", e);
        }
    }

    private record References(JsonNode template, Map<String, String> tables, Map<String, String> parameters) {

        String resolve(String variable, JsonNode value) {
            if (value.isValueNode()) {
                return value.asText();
            }
            if (value.has("Ref")) {
                String ref = value.path("Ref").asText();
                if (tables.containsKey(ref)) {
                    return tables.get(ref);
                }
                if (parameters.containsKey(ref)) {
                    return parameters.get(ref);
                }
                JsonNode parameter = template.path("Parameters").path(ref);
                if (parameter.has("Default")) {
                    return parameter.path("Default").asText();
                }
            }
            throw new IllegalStateException(variable + " = " + value + " in " + TEMPLATE
                    + ": the runtime tests cannot resolve it; give TemplateFunction.load a value for it");
        }
    }
}
