package io.janela.functions.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code infra/openapi.yaml}, bundled in the jar: the one place that says which routes exist and
 * what each takes. Every HTTP function checks a request against it before its handler runs, so an
 * unknown query parameter or body field, a string over its {@code maxLength}, an array over its
 * {@code maxItems}, a value outside its {@code enum} or a value of the wrong JSON type is a 400
 * naming the field, and nothing is written. Handlers still check what a schema cannot say
 * (required fields, formats, exactly-one-of).
 */
public final class ApiDescription {

    static final String RESOURCE = "openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]+}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation: its route key, the path's shape, its parameters by place and its JSON body's schema. */
    public record Operation(String routeKey, String method, Pattern path, boolean localOnly,
            Map<String, JsonNode> pathParameters, Map<String, JsonNode> queryParameters, Optional<JsonNode> body) {
    }

    private final JsonNode root;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    private ApiDescription(JsonNode root) {
        this.root = root;
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (METHODS.contains(entry.getKey())) {
                Operation operation = operation(path.getKey(), path.getValue(), entry.getKey(), entry.getValue());
                operations.put(operation.routeKey(), operation);
            }
        }));
    }

    /** The description the build put on the classpath, read once (SnapStart's priming reads it before the snapshot). */
    public static ApiDescription bundled() {
        return Bundled.DESCRIPTION;
    }

    private static final class Bundled {
        static final ApiDescription DESCRIPTION = read();
    }

    private static ApiDescription read() {
        try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the build takes it from infra/");
            }
            // SnakeYAML's safe loader gives maps and lists: plain data, read as JSON from there
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return new ApiDescription(JSON.valueToTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("infra/openapi.yaml could not be read", e);
        }
    }

    private Operation operation(String path, JsonNode pathItem, String method, JsonNode node) {
        Map<String, JsonNode> inPath = new LinkedHashMap<>();
        Map<String, JsonNode> inQuery = new LinkedHashMap<>();
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        node.path("parameters").forEach(parameters::add);
        for (JsonNode parameter : parameters) {
            JsonNode resolved = resolve(parameter);
            Map<String, JsonNode> place = "path".equals(resolved.path("in").asText()) ? inPath
                    : "query".equals(resolved.path("in").asText()) ? inQuery : null;
            if (place != null) {
                place.put(resolved.path("name").asText(), resolve(resolved.path("schema")));
            }
        }
        JsonNode schema = resolve(resolve(node.path("requestBody")).path("content").path("application/json").path("schema"));
        String regex = PLACEHOLDER.matcher(Pattern.quote(path)).replaceAll(match -> "\\\\E[^/]+\\\\Q");
        return new Operation(method.toUpperCase(Locale.ROOT) + " " + path, method.toUpperCase(Locale.ROOT),
                Pattern.compile(regex), node.path("x-janela-local-only").asBoolean(false), inPath, inQuery,
                schema.isMissingNode() ? Optional.empty() : Optional.of(schema));
    }

    public Optional<Operation> operation(String routeKey) {
        return Optional.ofNullable(routeKey).map(operations::get);
    }

    /** The methods AWS serves on {@code rawPath} (local mode's own routes left out), for a 405's {@code Allow}. */
    public Set<String> methodsAt(String rawPath) {
        Set<String> methods = new TreeSet<>();
        operations.values().stream()
                .filter(operation -> !operation.localOnly() && operation.path().matcher(rawPath).matches())
                .forEach(operation -> methods.add(operation.method()));
        return methods;
    }

    /**
     * Refuses (as an {@link IllegalArgumentException} naming the field) what the request's route does
     * not take: unknown query parameters and over-long values always; for Janela's own API
     * ({@code ownApi}) also values outside their enum and the JSON body. Meta's calls to the webhook
     * keep Meta's answers (a wrong handshake is Meta's 403) and Meta's freedom to add fields. A route
     * the description does not have is left to the route table.
     */
    public void check(HttpApiRequest request, boolean ownApi) {
        Optional<Operation> found = operation(request.routeKey());
        if (found.isEmpty()) {
            return;
        }
        Operation operation = found.get();
        refuseUnknownParameters(request, operation);
        operation.pathParameters().forEach((name, schema) -> request.path(name)
                .ifPresent(value -> checkParameter(schema, value, name, ownApi)));
        operation.queryParameters().forEach((name, schema) -> request.query(name)
                .ifPresent(value -> checkParameter(schema, value, name, ownApi)));
        if (ownApi && operation.body().isPresent()) {
            body(request).filter(JsonNode::isObject).ifPresent(body -> check(operation.body().get(), body, ""));
        }
    }

    private static void refuseUnknownParameters(HttpApiRequest request, Operation operation) {
        Set<String> unknown = new TreeSet<>(request.queryStringParameters().keySet());
        unknown.removeAll(operation.queryParameters().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", unknown) + ": not a parameter of " + operation.routeKey()
                    + (operation.queryParameters().isEmpty() ? " (it takes none)"
                            : " (it takes " + String.join(", ", operation.queryParameters().keySet()) + ")"));
        }
    }

    private void checkParameter(JsonNode schema, String value, String name, boolean ownApi) {
        checkLength(schema, value, name);
        if (ownApi) {
            checkEnum(schema, value, name);
        }
    }

    /** The body as JSON; what is not a JSON object is left to the handler, which says so in its own words. */
    private static Optional<JsonNode> body(HttpApiRequest request) {
        byte[] bytes = request.bodyBytes();
        if (bytes.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(bytes));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private void check(JsonNode schema, JsonNode value, String name) {
        if (value.isNull()) {
            return; // a null is "left out" or "clear it": the handler says which the field allows
        }
        Set<String> types = types(schema);
        String type = jsonType(value);
        if (!types.isEmpty() && !types.contains(type) && !(type.equals("integer") && types.contains("number"))) {
            throw new IllegalArgumentException(name + " must be " + expected(types));
        }
        switch (type) {
            case "object" -> checkObject(schema, value, name);
            case "array" -> checkArray(schema, value, name);
            case "string" -> checkString(schema, value.asText(), name);
            default -> {
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String name) {
        Map<String, JsonNode> properties = properties(schema);
        boolean open = properties.isEmpty() || branches(schema).stream()
                .anyMatch(branch -> branch.path("additionalProperties").asBoolean(false));
        var fields = value.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String fieldName = name.isEmpty() ? field.getKey() : name + "." + field.getKey();
            JsonNode fieldSchema = properties.get(field.getKey());
            if (fieldSchema == null && !open) {
                throw new IllegalArgumentException(fieldName + " is not a field of this request (it takes "
                        + String.join(", ", taken(properties)) + ")");
            }
            if (fieldSchema != null) {
                check(fieldSchema, field.getValue(), fieldName);
            }
        }
    }

    /** The properties a request may carry: a property described only to be refused ({@code not}) is left out. */
    private static List<String> taken(Map<String, JsonNode> properties) {
        return properties.entrySet().stream().filter(property -> !property.getValue().has("not")).map(Map.Entry::getKey).toList();
    }

    private void checkArray(JsonNode schema, JsonNode value, String name) {
        Optional<Integer> maxItems = bound(schema, "maxItems");
        if (maxItems.isPresent() && value.size() > maxItems.get()) {
            throw new IllegalArgumentException(name + ": at most " + maxItems.get() + " items (this one has " + value.size() + ")");
        }
        Optional<JsonNode> items = branches(schema).stream().map(branch -> branch.path("items"))
                .filter(node -> !node.isMissingNode()).findFirst();
        if (items.isPresent()) {
            for (int i = 0; i < value.size(); i++) {
                check(resolve(items.get()), value.get(i), name + "[" + i + "]");
            }
        }
    }

    private void checkString(JsonNode schema, String value, String name) {
        checkLength(schema, value, name);
        checkEnum(schema, value, name);
    }

    private void checkEnum(JsonNode schema, String value, String name) {
        Set<String> allowed = new LinkedHashSet<>();
        branches(schema).forEach(branch -> branch.path("enum").forEach(constant -> {
            if (constant.isTextual()) {
                allowed.add(constant.asText());
            }
        }));
        // any case: a value in another case is the handler's to take (as Meta's words are) or to refuse
        if (!allowed.isEmpty() && allowed.stream().noneMatch(value::equalsIgnoreCase)) {
            throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed));
        }
    }

    private void checkLength(JsonNode schema, String value, String name) {
        Optional<Integer> maxLength = bound(schema, "maxLength");
        int length = value.codePointCount(0, value.length());
        if (maxLength.isPresent() && length > maxLength.get()) {
            throw new IllegalArgumentException(name + ": at most " + maxLength.get() + " characters (this one has "
                    + length + ")");
        }
    }

    /** The schema and every schema it combines ({@code allOf}, {@code oneOf}, {@code anyOf}), resolved. */
    private List<JsonNode> branches(JsonNode schema) {
        List<JsonNode> branches = new ArrayList<>();
        collect(resolve(schema), branches);
        return branches;
    }

    private void collect(JsonNode schema, List<JsonNode> into) {
        into.add(schema);
        for (String combination : List.of("allOf", "oneOf", "anyOf")) {
            schema.path(combination).forEach(branch -> collect(resolve(branch), into));
        }
    }

    private Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        branches(schema).forEach(branch -> branch.path("properties").fields()
                .forEachRemaining(property -> properties.putIfAbsent(property.getKey(), property.getValue())));
        return properties;
    }

    private Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        branches(schema).forEach(branch -> {
            JsonNode type = branch.path("type");
            if (type.isTextual()) {
                types.add(type.asText());
            }
            type.forEach(each -> types.add(each.asText()));
        });
        return types;
    }

    /** The largest bound among the schema's branches: a value one of them ({@code oneOf}) takes is not refused. */
    private Optional<Integer> bound(JsonNode schema, String keyword) {
        return branches(schema).stream().map(branch -> branch.path(keyword)).filter(JsonNode::canConvertToInt)
                .map(JsonNode::asInt).max(Integer::compare);
    }

    private static String jsonType(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isIntegralNumber() || (value.isNumber() && value.canConvertToExactIntegral()) ? "integer" : "number";
    }

    /** In JsonBody's words, so a field reads the same whichever check refused it. */
    private static String expected(Set<String> types) {
        String type = types.stream().filter(each -> !each.equals("null")).findFirst().orElse("null");
        return switch (type) {
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "object" -> "an object";
            case "array" -> "an array";
            default -> "null";
        };
    }

    /** The node a local {@code $ref} points at, or the node itself. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() && ref.asText().startsWith("#/") ? resolve(root.at(ref.asText().substring(1))) : node;
    }
}
