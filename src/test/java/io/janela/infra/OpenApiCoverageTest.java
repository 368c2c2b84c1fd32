package io.janela.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.janela.functions.DeskFunction;
import io.janela.functions.SendFunction;
import io.janela.functions.SweepFunction;
import io.janela.functions.WebhookFunction;
import io.janela.functions.desk.DeskViews;
import io.janela.functions.desk.DirectoryRoutes;
import io.janela.functions.desk.QuarantineRoutes;
import io.janela.functions.desk.TeamRoutes;
import io.janela.functions.desk.TicketEditRoutes;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.JsonResponses;
import io.janela.functions.send.SendViews;
import io.janela.local.SamTemplate;
import io.janela.support.OpenApiDocument;
import io.janela.support.OpenApiDocument.Operation;
import io.quarkus.funqy.Funq;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * infra/openapi.yaml describes every HTTP route of Janela, and nothing else: each route of the
 * SAM template's HttpApi and of the functions' route tables is described, and each described
 * route is one the template and the code serve (or, marked {@code x-janela-local-only}, one that
 * only local mode serves: LocalOpenApiTest checks those against the running gateway).
 *
 * <p>The code's routes are read from the functions' sources: every string literal that is a
 * whole route key ({@code "GET /tickets/{id}"}) in {@code io.janela.functions}, which is how the
 * route tables match the HTTP API's {@code routeKey}, and, for a function that dispatches on the
 * method alone (the webhook), each method its switch takes on each path the template gives it.
 */
class OpenApiCoverageTest {

    private static final OpenApiDocument DESCRIPTION = OpenApiDocument.read();
    private static final List<SamTemplate.Route> TEMPLATE_ROUTES = SamTemplate.fromClasspath().httpRoutes();
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path FUNCTION_SOURCES = SOURCES.resolve("io/janela/functions");
    /** The functions the HTTP API invokes; each takes API Gateway's payload 2.0 event. */
    private static final List<Class<?>> HTTP_FUNCTIONS = List.of(WebhookFunction.class, SendFunction.class, DeskFunction.class);

    private static final Pattern ROUTE_KEY = Pattern.compile("\"((?:GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS) /[^\"\\s]*)\"");
    private static final Pattern METHOD_CASE = Pattern.compile("case \"(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS)\"");

    /** Route keys of the code, each with where it was found. */
    static Map<String, String> codeRoutes() {
        Map<String, String> routes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(FUNCTION_SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher keys = ROUTE_KEY.matcher(Files.readString(file));
                while (keys.find()) {
                    routes.putIfAbsent(keys.group(1), SOURCES.relativize(file).toString());
                }
            }
            for (Class<?> function : HTTP_FUNCTIONS) {
                Path file = SOURCES.resolve(function.getName().replace('.', '/') + ".java");
                Matcher methods = METHOD_CASE.matcher(Files.readString(file));
                while (methods.find()) {
                    for (String path : templatePathsOf(funqyName(function))) {
                        routes.putIfAbsent(methods.group(1) + " " + path, SOURCES.relativize(file).toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return routes;
    }

    private static String funqyName(Class<?> function) {
        return Stream.of(function.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Funq.class))
                .filter(method -> List.of(method.getParameterTypes()).equals(List.of(HttpApiRequest.class)))
                .map((Method method) -> method.getAnnotation(Funq.class).value())
                .findFirst()
                .orElseThrow(() -> new AssertionError(function.getSimpleName() + " has no @Funq method taking an HttpApiRequest"));
    }

    private static Set<String> templatePathsOf(String function) {
        return TEMPLATE_ROUTES.stream().filter(route -> route.function().equals(function))
                .map(SamTemplate.Route::path).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> templateRoutes() {
        return TEMPLATE_ROUTES.stream().map(SamTemplate.Route::routeKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Operation> described() {
        return DESCRIPTION.operations().stream()
                .collect(Collectors.toMap(Operation::routeKey, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    @Test
    void theCodesRoutesAreFoundForEveryFunctionTheHttpApiInvokes() {
        Set<String> invoked = TEMPLATE_ROUTES.stream().map(SamTemplate.Route::function).collect(Collectors.toCollection(TreeSet::new));
        Set<String> read = HTTP_FUNCTIONS.stream().map(OpenApiCoverageTest::funqyName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(invoked, read, "every function with an HttpApi event has its route table read here");
        Map<String, String> code = codeRoutes();
        assertTrue(code.keySet().containsAll(Set.of("GET /webhook", "POST /webhook", "POST /messages",
                "GET /tickets/{id}", "PUT /settings")), code.toString());
        for (Class<?> function : HTTP_FUNCTIONS) {
            assertTrue(code.values().stream().anyMatch(source -> source.endsWith(function.getSimpleName() + ".java")),
                    "no route found in " + function.getSimpleName() + ": " + code);
        }
    }

    @Test
    void everyRouteOfTheTemplateAndOfTheCodeIsDescribed() {
        Set<String> described = described().keySet();
        List<String> missing = new ArrayList<>();
        for (String route : templateRoutes()) {
            if (!described.contains(route)) {
                missing.add(route + " (infra/template.yaml)");
            }
        }
        codeRoutes().forEach((route, source) -> {
            if (!described.contains(route)) {
                missing.add(route + " (" + source + ")");
            }
        });
        assertEquals(List.of(), missing, "routes missing from " + OpenApiDocument.FILE);
    }

    @Test
    void everyDescribedRouteIsServedByTheTemplateAndTheCodeOrMarkedLocalOnly() {
        Set<String> template = templateRoutes();
        Set<String> code = codeRoutes().keySet();
        List<String> unserved = new ArrayList<>();
        described().forEach((route, operation) -> {
            if (operation.localOnly()) {
                if (template.contains(route) || code.contains(route)) {
                    unserved.add(route + " is marked x-janela-local-only but AWS serves it");
                }
                return;
            }
            if (!template.contains(route)) {
                unserved.add(route + " is not a route of infra/template.yaml");
            }
            if (!code.contains(route)) {
                unserved.add(route + " is in no function's route table");
            }
        });
        assertEquals(List.of(), unserved, "described in " + OpenApiDocument.FILE + " but not served");
    }

    @Test
    void eachOperationNamesTheFunctionTheTemplateRoutesItTo() {
        Map<String, String> functions = TEMPLATE_ROUTES.stream()
                .collect(Collectors.toMap(SamTemplate.Route::routeKey, SamTemplate.Route::function));
        List<String> wrong = new ArrayList<>();
        described().forEach((route, operation) -> {
            String expected = operation.localOnly() ? null : functions.get(route);
            if (!Objects.equals(expected, operation.function().orElse(null))) {
                wrong.add(route + ": x-janela-function " + operation.function().orElse("(none)") + ", template "
                        + (expected == null ? "(none)" : expected));
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyOperationDocumentsItsPathParametersAndWhatItAnswers() {
        Pattern placeholder = Pattern.compile("\\{([^}]+)}");
        List<String> problems = new ArrayList<>();
        for (Operation operation : DESCRIPTION.operations()) {
            String route = operation.routeKey();
            Set<String> inPath = new TreeSet<>();
            Matcher names = placeholder.matcher(operation.path());
            while (names.find()) {
                inPath.add(names.group(1));
            }
            Set<String> documented = new TreeSet<>();
            for (JsonNode parameter : parameters(operation)) {
                JsonNode resolved = DESCRIPTION.resolve(parameter);
                if ("path".equals(resolved.path("in").asText())) {
                    documented.add(resolved.path("name").asText());
                    if (!resolved.path("required").asBoolean(false)) {
                        problems.add(route + ": path parameter " + resolved.path("name").asText() + " must be required");
                    }
                }
            }
            if (!inPath.equals(documented)) {
                problems.add(route + ": path parameters " + documented + ", the path has " + inPath);
            }
            if (operation.node().path("summary").asText("").isBlank()) {
                problems.add(route + ": no summary");
            }
            List<String> statuses = new ArrayList<>();
            operation.node().path("responses").fieldNames().forEachRemaining(statuses::add);
            if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
                problems.add(route + ": no success response");
            }
            if (statuses.stream().noneMatch(status -> status.startsWith("4") || status.startsWith("5"))
                    && callerCanGetItWrong(operation)) {
                problems.add(route + ": no error response");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Parameters, a body or an identity: something a caller can get wrong, so an error to document. */
    private static boolean callerCanGetItWrong(Operation operation) {
        JsonNode security = operation.node().path("security");
        boolean open = security.isArray() && security.isEmpty();
        return !parameters(operation).isEmpty() || operation.node().has("requestBody") || !open;
    }

    private static List<JsonNode> parameters(Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.pathItem().path("parameters").forEach(parameters::add);
        operation.node().path("parameters").forEach(parameters::add);
        return parameters;
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        references(DESCRIPTION.root(), "", broken);
        assertEquals(List.of(), broken);
    }

    private static void references(JsonNode node, String at, List<String> broken) {
        if (node.isObject()) {
            if (node.path("$ref").isTextual() && DESCRIPTION.resolve(node).isMissingNode()) {
                broken.add(at + ": " + node.path("$ref").asText());
            }
            node.fields().forEachRemaining(field -> references(field.getValue(), at + "/" + field.getKey(), broken));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                references(node.get(i), at + "/" + i, broken);
            }
        }
    }

    @Test
    void errorsOfTheSendAndDeskRoutesHaveTheSharedShape() {
        JsonNode error = DESCRIPTION.root().at("/components/schemas/Error");
        assertEquals(recordComponents(JsonResponses.ErrorBody.class), fieldNames(error.path("properties")));
        assertEquals(recordComponents(JsonResponses.ErrorBody.class), textsOf(error.path("required")));
    }

    /**
     * Each JSON shape the routes answer, by where its schema is in the description (a path under
     * {@code components/schemas}, into an inline object where a view has no schema of its own),
     * and the view record that writes it.
     */
    private static final Map<String, Class<? extends Record>> VIEWS = new TreeMap<>(Map.ofEntries(
            Map.entry("Error", JsonResponses.ErrorBody.class),
            Map.entry("Window", DeskViews.WindowView.class),
            Map.entry("ContactRef", DeskViews.ContactRef.class),
            Map.entry("Unanswered", DeskViews.UnansweredView.class),
            Map.entry("Closing", DeskViews.ClosingView.class),
            Map.entry("ScheduledClose", DeskViews.ScheduledCloseView.class),
            Map.entry("Ticket", DeskViews.TicketView.class),
            Map.entry("TicketPage", DeskViews.TicketPageView.class),
            Map.entry("ReplyRule", DeskViews.ReplyRuleView.class),
            Map.entry("Contact", DeskViews.ContactView.class),
            Map.entry("Quarantined", QuarantineRoutes.QuarantinedView.class),
            Map.entry("QuarantinePage", QuarantineRoutes.QuarantinePageView.class),
            Map.entry("Note", TicketEditRoutes.NoteView.class),
            Map.entry("NoteList", TicketEditRoutes.NotesView.class),
            Map.entry("Agent", DirectoryRoutes.AgentView.class),
            Map.entry("AgentStatusChange", TeamRoutes.StatusView.class),
            Map.entry("Department", TeamRoutes.DepartmentView.class),
            Map.entry("DepartmentList", TeamRoutes.DepartmentsView.class),
            Map.entry("Template", DirectoryRoutes.TemplateView.class),
            Map.entry("Settings", DirectoryRoutes.SettingsView.class),
            Map.entry("Sent", SendViews.SentView.class),
            Map.entry("MetaError", SendViews.MetaErrorView.class),
            Map.entry("NotDelivered", SendViews.NotDeliveredView.class),
            Map.entry("ReadReceipt", SendViews.ReadView.class),
            Map.entry("Campaign", SendViews.CampaignView.class),
            Map.entry("Campaign/properties/replyRouting", SendViews.RouteView.class),
            Map.entry("Campaign/properties/counts", SendViews.CountsView.class),
            Map.entry("Recipient", SendViews.RecipientView.class),
            Map.entry("SweepReport", SweepFunction.SweepView.class)));

    private static JsonNode schema(String location) {
        return DESCRIPTION.root().at("/components/schemas/" + location);
    }

    /** Every view the desk, send and sweep functions answer with has its schema listed in {@link #VIEWS}. */
    @Test
    void everyViewRecordOfTheFunctionsHasItsSchema() {
        Set<Class<?>> listed = Set.copyOf(VIEWS.values());
        List<String> unlisted = new ArrayList<>();
        for (Class<?> holder : List.of(DeskViews.class, TicketEditRoutes.class, TeamRoutes.class, QuarantineRoutes.class,
                DirectoryRoutes.class, DeskFunction.class, SendViews.class, SweepFunction.class)) {
            for (Class<?> nested : holder.getDeclaredClasses()) {
                if (nested.isRecord() && !listed.contains(nested)) {
                    unlisted.add(nested.getName());
                }
            }
        }
        assertEquals(List.of(), unlisted, "view records with no schema in VIEWS");
        VIEWS.forEach((location, view) -> assertTrue(schema(location).path("properties").isObject(),
                location + " (" + view.getSimpleName() + ") has no properties in " + OpenApiDocument.FILE));
    }

    /**
     * Both ways: each field a view record writes is described in its schema (a field the code adds
     * shows up here), and each property the schema describes is one the record writes (a field the
     * code dropped or renamed shows up here). Nulls are written too, so every field is required.
     */
    @Test
    void theViewsWriteExactlyTheFieldsTheirSchemasDescribe() {
        List<String> problems = new ArrayList<>();
        VIEWS.forEach((location, view) -> {
            JsonNode schema = schema(location);
            Set<String> described = fieldNames(schema.path("properties"));
            Set<String> written = recordComponents(view);
            for (String field : written) {
                if (!described.contains(field)) {
                    problems.add(location + "." + field + " is written by " + view.getSimpleName() + " but not described");
                }
            }
            for (String field : described) {
                if (!written.contains(field)) {
                    problems.add(location + "." + field + " is described but " + view.getSimpleName() + " writes no such field");
                }
            }
            if (!textsOf(schema.path("required")).equals(written)) {
                problems.add(location + ": required " + textsOf(schema.path("required")) + ", but " + view.getSimpleName()
                        + " always writes " + written);
            }
        });
        assertEquals(List.of(), problems);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> textsOf(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }

    private static Set<String> recordComponents(Class<? extends Record> type) {
        return Stream.of(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
