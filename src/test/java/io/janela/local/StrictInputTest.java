package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.config.JanelaConfig;
import io.janela.support.OpenApiDocument;
import io.janela.support.OpenApiDocument.Operation;
import io.janela.support.TableSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Walks every operation of {@code infra/openapi.yaml}, whatever routes it holds when it runs, and
 * holds each to the strict-input rule: every string has a {@code maxLength} (or an {@code enum}),
 * every array a {@code maxItems}, every enum-like field its {@code enum}; and, through local mode's
 * gateway (which reaches every function and local mode's own routes), an unknown query parameter,
 * an unknown body field at any depth, a string one over its bound, a value outside its enum, an
 * array one over its bound and a value of the wrong JSON type are each a 400 naming the field,
 * never a 500, and leave both tables as they were. Requests carry an administrator's identity, so
 * the check reaches the body of the administration routes too.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(LocalModeProfile.class)
class StrictInputTest {

    private static final OpenApiDocument API = OpenApiDocument.read();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ADMIN = "admin@desk.example";
    private static final String UNKNOWN = "zzNotAField";
    /** A string property whose name or description says it takes one of a few words, which needs an enum. */
    private static final Pattern ONE_OF_WORDS = Pattern.compile("one of `[^`]+`(, `[^`]+`)*,? or `");
    private static final Pattern ENUM_LIKE_NAME = Pattern.compile("(?i).*(status|state|strategy|category|kind|view|order|mode|policy|type)");

    @Inject
    LocalMode localMode;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    // --- the inputs that answered 500 before they had bounds ---

    /**
     * Before their bounds these reached DynamoDB, whose items hold at most 400 KB, and answered 500:
     * a 500 KB agent name, a 1 MB department name, a 1 MB campaign CSV (its one row's cell became
     * a recipient item); and a template status no one knows was stored.
     */
    @Test
    void whatOnceAnswered500IsA400NamingTheFieldAndItsBound() throws Exception {
        assertEquals(200, call("PUT", "/agents/" + ADMIN, "{\"name\":\"Admin\",\"canSendActiveMessages\":true}").statusCode());
        assertEquals(200, call("PUT", "/templates/promo_strict/pt_BR",
                "{\"parameterCount\":1,\"enabled\":true,\"status\":\"APPROVED\"}").statusCode());
        List<String> before = quietTables();

        assertRefused("name: at most 100 characters", call("PUT", "/agents/ana@desk.example",
                NODES.objectNode().put("name", "A".repeat(500_000)).toString()));
        assertRefused("name: at most 100 characters", call("PUT", "/departments/vendas",
                NODES.objectNode().put("name", "V".repeat(1_000_000)).put("strategy", "RANDOM").toString()));
        ObjectNode campaign = NODES.objectNode().put("phoneNumberId", "106540352242922");
        campaign.putObject("template").put("name", "promo_strict").put("language", "pt_BR");
        assertRefused("audienceCsv: at most 1000000 characters",
                call("POST", "/campaigns", campaign.put("audienceCsv", "phone,name\n5511987654321," + "x".repeat(1 << 20)).toString()));
        assertRefused("audienceCsv: row 1 has a cell of 2000 characters; a cell is at most 1024",
                call("POST", "/campaigns", campaign.put("audienceCsv", "phone,name\n5511987654321," + "x".repeat(2000)).toString()));
        assertRefused("status must be one of APPROVED", call("PUT", "/templates/promo_strict/pt_BR",
                "{\"parameterCount\":1,\"enabled\":true,\"status\":\"BOGUS\"}"));

        assertEquals(before, tables(), "nothing was written");
    }

    /** The misspellings, each once ignored (the close went ahead now, the permission stayed off, no cap). */
    @Test
    void aMisspelledFieldIsRefusedNamingItRatherThanIgnored() throws Exception {
        List<String> before = quietTables();
        String ticket = "/tickets/t0123456789abcdef0123456789abcdef01";
        assertRefused("closeAt is not a field of this request", call("POST", ticket + "/close",
                "{\"closeAt\":\"2026-11-21T15:00:00Z\",\"mesage\":\"Até logo\"}"));
        assertRefused("canSendActiveMessage is not a field of this request", call("PUT", "/agents/bia@desk.example",
                "{\"name\":\"Bia\",\"canSendActiveMessage\":true}"));
        assertRefused("replyRoutng is not a field of this request", call("POST", "/messages",
                "{\"phoneNumberId\":\"106540352242922\",\"waId\":\"5511987654321\",\"template\":{\"name\":\"promo\","
                        + "\"language\":\"pt_BR\"},\"replyRoutng\":{\"agent\":\"bia@desk.example\"}}"));
        assertRefused("template.nmae is not a field of this request", call("POST", "/messages",
                "{\"phoneNumberId\":\"106540352242922\",\"waId\":\"5511987654321\",\"template\":{\"nmae\":\"promo\"}}"));
        assertRefused("maxConcurent is not a field of this request", call("PUT", "/departments/vendas",
                "{\"name\":\"Vendas\",\"strategy\":\"RANDOM\",\"maxConcurent\":2}"));
        assertRefused("audience[0].phone is not a field of this request", call("POST", "/campaigns",
                "{\"phoneNumberId\":\"106540352242922\",\"template\":{\"name\":\"promo\",\"language\":\"pt_BR\"},"
                        + "\"audience\":[{\"phone\":\"5511987654321\"}]}"));
        assertRefused("limt: not a parameter of GET /tickets", call("GET", "/tickets?view=all&limt=5", ""));
        assertEquals(before, tables(), "nothing was written");
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + localMode.port() + path))
                .header(LocalGateway.AGENT_HEADER, ADMIN)
                .header(LocalGateway.GROUPS_HEADER, config.roles().adminGroup())
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(String sentence, HttpResponse<String> answer) throws Exception {
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode error = JSON.readTree(answer.body());
        assertEquals("invalid_request", error.path("error").asText(), answer.body());
        assertTrue(error.path("message").asText().startsWith(sentence), answer.body());
    }

    /** One bad request: where it goes, what it sends and the name its 400 must say. */
    private record Probe(Operation operation, Map<String, String> pathValues, String query, String body, String names) {
    }

    /** A property of a body, reached by {@code wrap} (which puts a value where the property is). */
    private record Field(String name, JsonNode schema, UnaryOperator<JsonNode> wrap) {
    }

    // --- the description's own rule ---

    @Test
    void everyStringArrayAndEnumLikeFieldOfEveryRouteIsBounded() {
        List<String> unbounded = new ArrayList<>();
        for (Operation operation : API.operations()) {
            parameters(operation).forEach((name, schema) -> unbounded.addAll(problems(operation.routeKey() + " " + name, schema, name)));
            JsonNode body = body(operation);
            if (!body.isMissingNode() && !isOpen(body)) {
                for (Field field : fields(body)) {
                    unbounded.addAll(problems(operation.routeKey() + " body." + field.name(), field.schema(), leaf(field.name())));
                }
                unbounded.addAll(problems(operation.routeKey() + " body", body, "body"));
            }
        }
        assertEquals(List.of(), unbounded, "in " + OpenApiDocument.FILE);
    }

    private List<String> problems(String where, JsonNode schema, String name) {
        List<String> problems = new ArrayList<>();
        Set<String> types = types(schema);
        if (types.contains("string") && !has(schema, "maxLength") && !has(schema, "enum")) {
            problems.add(where + ": a string without maxLength or enum");
        }
        if (types.contains("string") && !has(schema, "enum") && enumLike(name, schema)) {
            problems.add(where + ": takes one of a few values but lists no enum");
        }
        if (types.contains("array") && !has(schema, "maxItems")) {
            problems.add(where + ": an array without maxItems");
        }
        if (types.contains("object") && properties(schema).isEmpty() && !isOpen(schema)) {
            problems.add(where + ": an object that names no property (say additionalProperties: true if any is taken)");
        }
        return problems;
    }

    /** Named like a choice among a few words (a status, a kind, an order), or described as "one of" a list of them. */
    private boolean enumLike(String name, JsonNode schema) {
        String description = branches(schema).stream().map(branch -> branch.path("description").asText("")).reduce("", String::concat);
        return ENUM_LIKE_NAME.matcher(name).matches() || ONE_OF_WORDS.matcher(description).find();
    }

    // --- the functions' answers ---

    @Test
    void everyRouteRefusesWhatItDoesNotTakeNamingItAndChangesNothing() throws Exception {
        List<String> before = quietTables();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Operation operation : API.operations()) {
            if (playsMeta(operation) || notifiedByMeta(operation)) {
                continue;
            }
            for (Probe probe : probes(operation)) {
                HttpResponse<String> answer = send(probe);
                sent++;
                if (answer.statusCode() != 400 || !answer.body().contains(probe.names())) {
                    wrong.add(describe(probe) + " -> " + answer.statusCode() + " " + answer.body());
                }
                if (!before.equals(tables())) {
                    wrong.add(describe(probe) + " changed the tables");
                    before = tables();
                }
            }
        }
        assertEquals(List.of(), wrong, "each of these answered something else than a 400 naming the field, or wrote");
        assertTrue(sent > 5 * API.operations().size(), "the walk sent " + sent + " requests");
    }

    private List<Probe> probes(Operation operation) {
        List<Probe> probes = new ArrayList<>();
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, JsonNode> parameters = parameters(operation);
        pathNames(operation).forEach(name -> path.put(name, "x"));
        probes.add(new Probe(operation, path, UNKNOWN + "=1", null, UNKNOWN));
        // a query or path value is always text: its bad values are the textual ones; Meta's
        // handshake answers a value it does not expect with Meta's 403, so only lengths are probed there
        parameters.forEach((name, schema) -> badValues(schema).stream().filter(bad -> bad.value().isTextual())
                .filter(bad -> !calledByMeta(operation) || bad.kind() == Bad.Kind.TOO_LONG).forEach(bad -> {
            String value = bad.value().asText();
            if (path.containsKey(name)) {
                Map<String, String> badPath = new LinkedHashMap<>(path);
                badPath.put(name, value);
                probes.add(new Probe(operation, badPath, null, null, name));
            } else {
                probes.add(new Probe(operation, path, name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), null, name));
            }
        }));
        JsonNode body = body(operation);
        if (body.isMissingNode() || isOpen(body)) {
            return probes;
        }
        probes.add(new Probe(operation, path, null, NODES.objectNode().put(UNKNOWN, 1).toString(), UNKNOWN));
        for (Field field : fields(body)) {
            for (Bad bad : badValues(field.schema())) {
                probes.add(new Probe(operation, path, null, field.wrap().apply(bad.value()).toString(), field.name()));
            }
            if (types(field.schema()).contains("object") && !isOpen(field.schema()) && !properties(field.schema()).isEmpty()) {
                probes.add(new Probe(operation, path, null,
                        field.wrap().apply(NODES.objectNode().put(UNKNOWN, 1)).toString(), field.name() + "." + UNKNOWN));
            }
        }
        return probes;
    }

    /** A value a schema refuses, and why. */
    private record Bad(Kind kind, JsonNode value) {
        enum Kind { TOO_LONG, NOT_IN_ENUM, TOO_MANY, WRONG_TYPE }
    }

    /** Values the schema refuses: one over each bound, outside the enum, and of a JSON type it does not take. */
    private List<Bad> badValues(JsonNode schema) {
        List<Bad> bad = new ArrayList<>();
        Set<String> types = types(schema);
        if (types.isEmpty()) {
            return bad;
        }
        bound(schema, "maxLength").ifPresent(max -> bad.add(new Bad(Bad.Kind.TOO_LONG, NODES.textNode("x".repeat(max + 1)))));
        if (has(schema, "enum")) {
            bad.add(new Bad(Bad.Kind.NOT_IN_ENUM, NODES.textNode("NOT-ONE-OF-THEM")));
        }
        bound(schema, "maxItems").ifPresent(max -> {
            ArrayNode tooMany = NODES.arrayNode();
            JsonNode item = sample(itemsOf(schema));
            for (int i = 0; i <= max; i++) {
                tooMany.add(item);
            }
            bad.add(new Bad(Bad.Kind.TOO_MANY, tooMany));
        });
        for (JsonNode wrongType : List.of(NODES.numberNode(12345), NODES.textNode("not-a-number"), NODES.booleanNode(true),
                NODES.objectNode(), NODES.arrayNode())) {
            String type = jsonType(wrongType);
            if (!types.contains(type) && !(type.equals("integer") && types.contains("number"))) {
                bad.add(new Bad(Bad.Kind.WRONG_TYPE, wrongType));
                break;
            }
        }
        return bad;
    }

    private JsonNode sample(JsonNode schema) {
        Set<String> types = types(schema);
        return types.contains("object") ? NODES.objectNode() : types.contains("integer") ? NODES.numberNode(1) : NODES.textNode("a");
    }

    /** Every property at any depth, array items included ({@code audience[0].waId}), with how to reach it. */
    private List<Field> fields(JsonNode schema) {
        List<Field> fields = new ArrayList<>();
        collectFields(schema, "", UnaryOperator.identity(), fields);
        return fields;
    }

    private void collectFields(JsonNode schema, String prefix, UnaryOperator<JsonNode> wrap, List<Field> into) {
        Set<String> types = types(schema);
        if (types.contains("object") || !properties(schema).isEmpty()) {
            properties(schema).forEach((name, property) -> {
                String fieldName = prefix.isEmpty() ? name : prefix + "." + name;
                UnaryOperator<JsonNode> inner = value -> wrap.apply(NODES.objectNode().set(name, value));
                into.add(new Field(fieldName, API.resolve(property), inner));
                collectFields(API.resolve(property), fieldName, inner, into);
            });
        } else if (types.contains("array") && !itemsOf(schema).isMissingNode()) {
            JsonNode items = itemsOf(schema);
            UnaryOperator<JsonNode> inner = value -> wrap.apply(NODES.arrayNode().add(value));
            into.add(new Field(prefix + "[0]", items, inner));
            collectFields(items, prefix + "[0]", inner, into);
        }
    }

    private HttpResponse<String> send(Probe probe) throws Exception {
        String path = probe.operation().path();
        for (Map.Entry<String, String> value : probe.pathValues().entrySet()) {
            path = path.replace("{" + value.getKey() + "}", URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8));
        }
        URI uri = URI.create("http://localhost:" + localMode.port() + path + (probe.query() == null ? "" : "?" + probe.query()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header(LocalGateway.AGENT_HEADER, ADMIN)
                .header(LocalGateway.GROUPS_HEADER, config.roles().adminGroup())
                .header("content-type", "application/json")
                .method(probe.operation().method().toUpperCase(java.util.Locale.ROOT), probe.body() == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(probe.body()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String describe(Probe probe) {
        String body = probe.body() == null ? "" : " " + (probe.body().length() > 120 ? probe.body().substring(0, 120) + "…" : probe.body());
        return probe.operation().routeKey() + " " + probe.pathValues().values().stream().map(value -> value.length() > 20
                ? value.length() + " chars" : value).toList() + (probe.query() == null ? "" : " ?" + abbreviated(probe.query())) + body;
    }

    private static String abbreviated(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "… (" + text.length() + " chars)" : text;
    }

    /**
     * Meta's stand-in (local mode's Graph API sandbox, a prefix route, which asks for Meta's token as
     * Graph does) answers as Graph does, and the webhook's body is Meta's: the description says so
     * with {@code additionalProperties: true}. The sandbox's customers route is Janela's own, and walked.
     */
    private boolean playsMeta(Operation operation) {
        return !operation.node().path("security").isEmpty()
                && localMode.localRouteKeys().stream().filter(key -> key.startsWith("ANY ") && key.endsWith("{proxy+}"))
                .map(key -> key.substring("ANY ".length(), key.length() - "{proxy+}".length()))
                .anyMatch(prefix -> operation.path().startsWith(prefix));
    }

    /** Meta's notifications (the webhook's POST): Meta shapes them, and they are taken as Meta sends them. */
    private static boolean notifiedByMeta(Operation operation) {
        return calledByMeta(operation) && !body(operation).isMissingNode();
    }

    /** The webhook's routes: Meta calls them, and they answer as Meta expects. */
    private static boolean calledByMeta(Operation operation) {
        return operation.function().filter("webhook"::equals).isPresent();
    }

    private List<String> tables() {
        List<String> items = new ArrayList<>(TableSnapshot.of(dynamo, config.tables().contacts()));
        items.addAll(TableSnapshot.of(dynamo, config.tables().directory()));
        return items;
    }

    /** The tables once nothing else writes (a sandbox status of another test may still be arriving). */
    private List<String> quietTables() throws InterruptedException {
        List<String> previous = tables();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(250);
            List<String> now = tables();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    // --- reading the description ---

    private static Map<String, JsonNode> parameters(Operation operation) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        List<JsonNode> all = new ArrayList<>();
        operation.pathItem().path("parameters").forEach(all::add);
        operation.node().path("parameters").forEach(all::add);
        for (JsonNode parameter : all) {
            JsonNode resolved = API.resolve(parameter);
            if (Set.of("path", "query").contains(resolved.path("in").asText())) {
                parameters.put(resolved.path("name").asText(), API.resolve(resolved.path("schema")));
            }
        }
        return parameters;
    }

    private static List<String> pathNames(Operation operation) {
        List<String> names = new ArrayList<>();
        var matcher = Pattern.compile("\\{([^}]+)}").matcher(operation.path());
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static JsonNode body(Operation operation) {
        return API.resolve(API.resolve(operation.node().path("requestBody")).path("content").path("application/json").path("schema"));
    }

    private static List<JsonNode> branches(JsonNode schema) {
        List<JsonNode> branches = new ArrayList<>();
        JsonNode resolved = API.resolve(schema);
        branches.add(resolved);
        for (String combination : List.of("allOf", "oneOf", "anyOf")) {
            resolved.path(combination).forEach(branch -> branches.addAll(branches(branch)));
        }
        return branches;
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode branch : branches(schema)) {
            JsonNode type = branch.path("type");
            if (type.isTextual()) {
                types.add(type.asText());
            }
            type.forEach(each -> types.add(each.asText()));
        }
        return types;
    }

    private static Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        branches(schema).forEach(branch -> branch.path("properties").fields()
                .forEachRemaining(property -> properties.putIfAbsent(property.getKey(), property.getValue())));
        return properties;
    }

    private static boolean isOpen(JsonNode schema) {
        return branches(schema).stream().anyMatch(branch -> branch.path("additionalProperties").asBoolean(false));
    }

    private static boolean has(JsonNode schema, String keyword) {
        return branches(schema).stream().anyMatch(branch -> branch.has(keyword));
    }

    private static java.util.Optional<Integer> bound(JsonNode schema, String keyword) {
        return branches(schema).stream().map(branch -> branch.path(keyword)).filter(JsonNode::canConvertToInt)
                .map(JsonNode::asInt).max(Integer::compare);
    }

    private static JsonNode itemsOf(JsonNode schema) {
        return branches(schema).stream().map(branch -> branch.path("items")).filter(items -> !items.isMissingNode())
                .map(API::resolve).findFirst().orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    private static String leaf(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.endsWith("[0]") ? last.substring(0, last.length() - 3) : last;
    }

    private static String jsonType(JsonNode value) {
        return value.isObject() ? "object" : value.isArray() ? "array" : value.isTextual() ? "string"
                : value.isBoolean() ? "boolean" : "integer";
    }
}
