package io.janela.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.QuarantineStore;
import io.janela.application.ingest.Quarantined;
import io.janela.config.JanelaConfig;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MockLambda;
import io.janela.support.OpenApiDocument;
import io.janela.support.TableSnapshot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The desk's administration routes are for administrators, whom the identity provider names: the
 * token's {@code cognito:groups} claim holds {@code janela-admins} (the template's defaults).
 * Anyone else is answered 403 {@code not_an_administrator} and nothing changes; an agent still
 * sets their own status.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class DeskRolesTest {

    private static final String ADMIN = "admin.roles@loja.com.br";
    private static final String AGENT = "julia.roles@loja.com.br";
    private static final String OTHER_AGENT = "kleber.roles@loja.com.br";

    @Inject
    DirectoryStore directory;
    @Inject
    QuarantineStore quarantine;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    @BeforeEach
    void team() {
        directory.putAgent(new Agent(AGENT, "Júlia", AgentStatus.OFFLINE, false));
        directory.putAgent(new Agent(OTHER_AGENT, "Kleber", AgentStatus.OFFLINE, false));
    }

    private static String put(String route, String path, Map<String, String> parameters, String body, String caller) {
        return HttpApiEvents.put(route, path, parameters, body, caller);
    }

    /** Each administration route, as a signed-in caller's request, and what an administrator gets. */
    static Stream<Arguments> administrationRoutes() {
        return Stream.of(
                route("PUT /agents/{email}", 200, caller -> put("/agents/{email}", "/agents/nina.roles@loja.com.br",
                        Map.of("email", "nina.roles@loja.com.br"), "{\"name\":\"Nina\",\"canSendActiveMessages\":true}", caller)),
                route("PUT /agents/{email}/status of another agent", 200, caller -> put("/agents/{email}/status",
                        "/agents/" + OTHER_AGENT + "/status", Map.of("email", OTHER_AGENT), "{\"status\":\"AWAY\"}", caller)),
                route("PUT /departments/{id}", 200, caller -> put("/departments/{id}", "/departments/roles-check",
                        Map.of("id", "roles-check"), "{\"name\":\"Roles\",\"strategy\":\"RANDOM\",\"agents\":[\"" + AGENT + "\"]}",
                        caller)),
                route("PUT /templates/{name}/{language}", 200, caller -> put("/templates/{name}/{language}",
                        "/templates/roles_check/pt_BR", Map.of("name", "roles_check", "language", "pt_BR"),
                        "{\"category\":\"UTILITY\",\"parameterCount\":1,\"enabled\":true}", caller)),
                route("PUT /settings", 200, caller -> put("/settings", "/settings", Map.of(),
                        "{\"activeMessages\":\"PERMITTED_AGENTS\"}", caller)),
                route("GET /quarantine", 200, caller -> HttpApiEvents.withCaller(
                        HttpApiEvents.get("/quarantine", "/quarantine", Map.of("limit", "10"), Map.of()), caller)),
                // an id that names nothing: an administrator gets past the check to the 404
                route("DELETE /quarantine/{id}", 404, caller -> deleteQuarantined("20261121-0123456789abcdef0123", caller)));
    }

    private static Arguments route(String name, int forAnAdministrator, Function<String, String> request) {
        return Arguments.of(name, forAnAdministrator, request);
    }

    private static String deleteQuarantined(String id, String caller) {
        return HttpApiEvents.withCaller(HttpApiEvents.event("DELETE", "/quarantine/{id}", "/quarantine/" + id, Map.of(),
                Map.of(), Map.of("id", id), null, false), caller);
    }

    private List<String> directoryState() {
        return TableSnapshot.of(dynamo, config.tables().directory());
    }

    private static void assertNotAnAdministrator(JsonNode response) {
        assertEquals(403, response.path("statusCode").asInt(), response.toString());
        JsonNode error = MockLambda.body(response);
        assertEquals("not_an_administrator", error.path("error").asText());
        assertTrue(error.path("message").asText().contains("cognito:groups claim holds janela-admins"), error.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("administrationRoutes")
    void anAgentIsRefusedEveryAdministrationRouteAndNothingChanges(String name, int forAnAdministrator,
            Function<String, String> request) {
        List<String> before = directoryState();

        assertNotAnAdministrator(MockLambda.invoke(request.apply(AGENT)));

        assertEquals(before, directoryState(), "nothing changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("administrationRoutes")
    void anAdministratorIsServedEveryAdministrationRoute(String name, int forAnAdministrator, Function<String, String> request) {
        JsonNode response = MockLambda.invoke(HttpApiEvents.asAdministrator(request.apply(ADMIN)));

        assertEquals(forAnAdministrator, response.path("statusCode").asInt(), response.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("administrationRoutes")
    void withoutACallerEveryAdministrationRouteIsUnauthenticated(String name, int forAnAdministrator,
            Function<String, String> request) {
        String anonymous = request.apply(ADMIN).replaceFirst("\"authorizer\":\\{\"jwt\":\\{\"claims\":\\{[^}]*}[^}]*}}", "\"other\":{}");

        JsonNode response = MockLambda.invoke(anonymous);

        assertEquals(401, response.path("statusCode").asInt(), response.toString());
        assertEquals("unauthenticated", MockLambda.body(response).path("error").asText());
    }

    @Test
    void anAgentSetsTheirOwnStatusWithoutBeingAnAdministrator() {
        JsonNode online = MockLambda.invoke(put("/agents/{email}/status", "/agents/Julia.Roles@Loja.com.br/status",
                Map.of("email", "Julia.Roles@Loja.com.br"), "{\"status\":\"ONLINE\"}", AGENT));

        assertEquals(200, online.path("statusCode").asInt(), online.toString());
        assertEquals(AgentStatus.ONLINE, directory.findAgent(AGENT).orElseThrow().status());
    }

    @Test
    void anAgentCannotSetAnotherAgentsStatusButAnAdministratorCan() {
        String event = put("/agents/{email}/status", "/agents/" + OTHER_AGENT + "/status", Map.of("email", OTHER_AGENT),
                "{\"status\":\"ONLINE\"}", AGENT);
        List<String> before = directoryState();

        assertNotAnAdministrator(MockLambda.invoke(event));
        assertEquals(before, directoryState(), "Kleber's status unchanged");

        JsonNode byAdmin = MockLambda.invoke(HttpApiEvents.asAdministrator(put("/agents/{email}/status",
                "/agents/" + OTHER_AGENT + "/status", Map.of("email", OTHER_AGENT), "{\"status\":\"ONLINE\"}", ADMIN)));
        assertEquals(200, byAdmin.path("statusCode").asInt(), byAdmin.toString());
        assertEquals(ADMIN, MockLambda.body(byAdmin).path("statusBy").asText());
        assertEquals(AgentStatus.ONLINE, directory.findAgent(OTHER_AGENT).orElseThrow().status());
    }

    @Test
    void anAdministratorDeletesAQuarantinedUpdateAnAgentCannot() {
        quarantine.keep(Quarantined.of("entry[0].changes[0].value.messages[0]", "message", "timestamp: not an instant",
                "{\"id\":\"wamid.roles\",\"timestamp\":\"soon\"}", Instant.parse("2026-11-21T09:00:00Z"), Optional.of("106540352242922")));
        String id = quarantine.list(100, Optional.empty()).items().stream()
                .filter(kept -> kept.item().excerpt().contains("wamid.roles")).findFirst().orElseThrow().id();

        assertNotAnAdministrator(MockLambda.invoke(deleteQuarantined(id, AGENT)));
        assertTrue(quarantine.list(100, Optional.empty()).items().stream().anyMatch(kept -> kept.id().equals(id)), "still kept");

        JsonNode deleted = MockLambda.invoke(HttpApiEvents.asAdministrator(deleteQuarantined(id, ADMIN)));
        assertEquals(204, deleted.path("statusCode").asInt(), deleted.toString());
        assertTrue(quarantine.list(100, Optional.empty()).items().stream().noneMatch(kept -> kept.id().equals(id)));
    }

    /**
     * API Gateway's JWT authorizer hands Lambda an array claim as one string, {@code "[a b]"}; other
     * paths (a Lambda authorizer, a test tool) give a JSON array, and some identity providers a
     * single string. The group must be one of the values, whole.
     */
    @Test
    void theAdministratorsGroupCountsInEveryFormTheClaimReachesLambda() {
        String settings = put("/settings", "/settings", Map.of(), "{\"activeMessages\":\"PERMITTED_AGENTS\"}", ADMIN);
        Function<Object, Integer> withGroups = groups -> MockLambda.invoke(HttpApiEvents.withClaim(settings, "cognito:groups",
                groups)).path("statusCode").asInt();

        assertEquals(200, withGroups.apply("[janela-admins]"));
        assertEquals(200, withGroups.apply("[janela-desk janela-admins]"));
        assertEquals(200, withGroups.apply(List.of("janela-desk", "janela-admins")));
        assertEquals(200, withGroups.apply("janela-admins"));

        assertEquals(403, withGroups.apply("[janela-admins-old janela-desk]"));
        assertEquals(403, withGroups.apply("[janela]"));
        assertEquals(403, withGroups.apply(List.of("janela-desk")));
        assertEquals(403, withGroups.apply(""));
        assertEquals(403, withGroups.apply("[]"));
        assertEquals(403, MockLambda.invoke(HttpApiEvents.withClaim(settings, "custom:groups", "[janela-admins]"))
                .path("statusCode").asInt(), "the group counts in the configured claim only");
    }

    /** infra/openapi.yaml gives exactly the administration routes their 403 {@code not_an_administrator}. */
    @Test
    void theDescriptionOfTheApiGivesEveryAdministrationRouteItsRefusal() {
        OpenApiDocument api = OpenApiDocument.read();
        Set<String> refusing = api.operations().stream()
                .filter(operation -> api.resolve(operation.node().path("responses").path("403")).path("content")
                        .path("application/json").path("example").path("error").asText().equals("not_an_administrator"))
                .map(OpenApiDocument.Operation::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(new TreeSet<>(Set.of("PUT /agents/{email}", "PUT /agents/{email}/status", "PUT /departments/{id}",
                "PUT /templates/{name}/{language}", "PUT /settings", "GET /quarantine", "DELETE /quarantine/{id}")), refusing);
        assertEquals(refusing, administrationRoutes().map(route -> ((String) route.get()[0]).replace(" of another agent", ""))
                .collect(Collectors.toCollection(TreeSet::new)), "the routes this test drives");
    }

    @Test
    void anAgentIsRefusedBeforeTheBodyIsRead() {
        List<String> before = directoryState();

        assertNotAnAdministrator(MockLambda.invoke(put("/settings", "/settings", Map.of(), "not json", AGENT)));
        assertNotAnAdministrator(MockLambda.invoke(put("/departments/{id}", "/departments/Bad Id", Map.of("id", "Bad Id"),
                "{}", AGENT)));

        assertEquals(before, directoryState());
    }
}
