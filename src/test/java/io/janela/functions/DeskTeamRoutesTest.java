package io.janela.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.assignment.TeamStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MockLambda;
import io.janela.support.TableSnapshot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The desk's team routes: an agent's status, the departments, the default department setting. */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class DeskTeamRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin@loja.com.br";

    @Inject
    DirectoryStore directory;
    @Inject
    TeamStore team;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    private static JsonNode putStatus(String email, String body, String caller) {
        String event = HttpApiEvents.put("/agents/{email}/status", "/agents/" + email + "/status", Map.of("email", email), body,
                caller == null ? "nobody" : caller);
        return MockLambda.invoke(caller == null ? anonymous(event) : ADMIN.equals(caller) ? HttpApiEvents.asAdministrator(event) : event);
    }

    private static JsonNode putDepartment(String id, String body) {
        return MockLambda.invoke(HttpApiEvents.asAdministrator(
                HttpApiEvents.put("/departments/{id}", "/departments/" + id, Map.of("id", id), body, ADMIN)));
    }

    private static JsonNode putSettings(String body) {
        return MockLambda.invoke(HttpApiEvents.asAdministrator(HttpApiEvents.put("/settings", "/settings", Map.of(), body, ADMIN)));
    }

    private static JsonNode departments() {
        return MockLambda.invoke(HttpApiEvents.get("/departments", "/departments", Map.of(), Map.of()));
    }

    /** The same request without the authorizer's claims. */
    private static String anonymous(String event) {
        try {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(event);
            ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("requestContext")).remove("authorizer");
            return node.toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + response, e);
        }
    }

    private List<String> directoryState() {
        return TableSnapshot.of(dynamo, config.tables().directory());
    }

    /** A 400 (or other refusal) that names {@code field} and changes nothing in the directory. */
    private void assertRefused(int status, String field, Supplier<JsonNode> request) {
        List<String> before = directoryState();
        JsonNode response = request.get();
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertTrue(body(response).path("message").asText().contains(field), "the message names " + field + ": " + response);
        assertEquals(before, directoryState(), "nothing changed");
    }

    private void agent(String email) {
        directory.putAgent(new Agent(email, email.substring(0, email.indexOf('@')), AgentStatus.OFFLINE, false));
    }

    // PUT /agents/{email}/status

    @Test
    void anAgentSetsTheirStatusAndTheChangeRecordsWhoAndWhatItWas() {
        agent("julia@loja.com.br");

        JsonNode online = putStatus("Julia@Loja.com.br", "{\"status\":\"ONLINE\"}", "julia@loja.com.br");

        assertEquals(200, online.path("statusCode").asInt(), online.toString());
        JsonNode view = body(online);
        assertEquals("julia@loja.com.br", view.path("email").asText());
        assertEquals("ONLINE", view.path("status").asText());
        assertEquals("OFFLINE", view.path("previousStatus").asText());
        assertEquals("julia@loja.com.br", view.path("statusBy").asText());
        Instant.parse(view.path("statusAt").asText());
        assertEquals(AgentStatus.ONLINE, directory.findAgent("julia@loja.com.br").orElseThrow().status());

        JsonNode away = body(putStatus("julia@loja.com.br", "{\"status\":\"AWAY\"}", ADMIN));
        assertEquals("ONLINE", away.path("previousStatus").asText());
        assertEquals(ADMIN, dynamo.getItem(request -> request.tableName(config.tables().directory())
                .key(Map.of("pk", AttributeValue.fromS("AGENT#julia@loja.com.br"), "sk", AttributeValue.fromS("AGENT"))))
                .item().get("statusBy").s());
    }

    @Test
    void aBadStatusIsRefusedNamingTheFieldAndAnUnknownAgentIs404() {
        agent("kleber@loja.com.br");
        assertRefused(400, "status", () -> putStatus("kleber@loja.com.br", "{\"status\":\"BUSY\"}", ADMIN));
        assertRefused(400, "status", () -> putStatus("kleber@loja.com.br", "{\"status\":\"online\"}", ADMIN));
        assertRefused(400, "status", () -> putStatus("kleber@loja.com.br", "{\"status\":true}", ADMIN));
        assertRefused(400, "status", () -> putStatus("kleber@loja.com.br", "{}", ADMIN));
        assertRefused(400, "JSON", () -> putStatus("kleber@loja.com.br", "ONLINE", ADMIN));
        assertRefused(400, "e-mail", () -> putStatus("kleber", "{\"status\":\"ONLINE\"}", ADMIN));
        assertRefused(404, "nobody@loja.com.br", () -> putStatus("nobody@loja.com.br", "{\"status\":\"ONLINE\"}", ADMIN));
        assertRefused(401, "caller", () -> putStatus("kleber@loja.com.br", "{\"status\":\"ONLINE\"}", null));
        assertEquals("unknown_agent", body(putStatus("nobody@loja.com.br", "{\"status\":\"ONLINE\"}", ADMIN)).path("error").asText());
        assertEquals("unauthenticated", body(putStatus("kleber@loja.com.br", "{\"status\":\"ONLINE\"}", null)).path("error").asText());
    }

    // PUT /departments/{id}, GET /departments

    @Test
    void aDepartmentIsSavedListedAndReplacedWhole() {
        agent("lara@loja.com.br");
        agent("mauro@loja.com.br");

        JsonNode saved = putDepartment("returns", "{\"name\":\"Trocas\",\"strategy\":\"SPECIFIC\","
                + "\"agents\":[\"Lara@Loja.com.br\",\"mauro@loja.com.br\"],\"specificAgent\":\"lara@loja.com.br\",\"maxConcurrent\":4}");

        assertEquals(200, saved.path("statusCode").asInt(), saved.toString());
        assertEquals(Optional.of(new Department("returns", "Trocas", Department.Strategy.SPECIFIC,
                List.of("lara@loja.com.br", "mauro@loja.com.br"), Optional.of("lara@loja.com.br"), Optional.of(4))),
                team.findDepartment("returns"));
        assertEquals(ADMIN, dynamo.getItem(request -> request.tableName(config.tables().directory())
                .key(Map.of("pk", AttributeValue.fromS("DEPARTMENTS"), "sk", AttributeValue.fromS("returns"))))
                .item().get("updatedBy").s());

        assertEquals(200, putDepartment("returns", "{\"name\":\"Trocas\",\"strategy\":\"LEAST_BUSY\",\"agents\":[\"mauro@loja.com.br\"]}")
                .path("statusCode").asInt());
        JsonNode listed = body(departments());
        JsonNode returns = null;
        for (JsonNode department : listed.path("departments")) {
            if (department.path("id").asText().equals("returns")) {
                returns = department;
            }
        }
        assertEquals("{\"id\":\"returns\",\"name\":\"Trocas\",\"strategy\":\"LEAST_BUSY\",\"agents\":[\"mauro@loja.com.br\"],"
                + "\"specificAgent\":null,\"maxConcurrent\":null}", String.valueOf(returns));
    }

    @Test
    void aBadDepartmentIsRefusedNamingTheFieldAndNothingIsSaved() {
        agent("nina@loja.com.br");
        assertRefused(400, "agents", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"strategy\":\"RANDOM\","
                + "\"agents\":[\"nina@loja.com.br\",\"ghost@loja.com.br\"]}"));
        assertRefused(400, "ghost@loja.com.br", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"strategy\":\"RANDOM\","
                + "\"agents\":[\"ghost@loja.com.br\"]}"));
        assertRefused(400, "agents[1]", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"strategy\":\"RANDOM\","
                + "\"agents\":[\"nina@loja.com.br\",\"nina\"]}"));
        assertRefused(400, "agents", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"strategy\":\"RANDOM\",\"agents\":\"nina@loja.com.br\"}"));
        assertRefused(400, "strategy", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"strategy\":\"ROUND_ROBIN\",\"agents\":[]}"));
        assertRefused(400, "strategy", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"agents\":[]}"));
        assertRefused(400, "name", () -> putDepartment("sales", "{\"strategy\":\"RANDOM\",\"agents\":[]}"));
        assertRefused(400, "maxConcurrent", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"strategy\":\"LEAST_BUSY\","
                + "\"agents\":[],\"maxConcurrent\":0}"));
        assertRefused(400, "maxConcurrent", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"strategy\":\"LEAST_BUSY\","
                + "\"agents\":[],\"maxConcurrent\":1.5}"));
        assertRefused(400, "specificAgent", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"strategy\":\"SPECIFIC\","
                + "\"agents\":[\"nina@loja.com.br\"]}"));
        assertRefused(400, "specificAgent", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"strategy\":\"RANDOM\","
                + "\"agents\":[\"nina@loja.com.br\"],\"specificAgent\":\"nina@loja.com.br\"}"));
        assertRefused(400, "specificAgent", () -> putDepartment("sales", "{\"name\":\"Vendas\",\"strategy\":\"SPECIFIC\","
                + "\"agents\":[\"nina@loja.com.br\"],\"specificAgent\":\"nina\"}"));
        assertRefused(400, "id", () -> putDepartment("vendas e trocas", "{\"name\":\"Vendas\",\"strategy\":\"RANDOM\",\"agents\":[]}"));
        assertEquals(Optional.empty(), team.findDepartment("sales"));
    }

    // PUT /settings with the default department

    @Test
    void theDefaultDepartmentIsSetWithOrWithoutThePolicyAndClearedWithNull() {
        agent("otavio@loja.com.br");
        putDepartment("support", "{\"name\":\"Suporte\",\"strategy\":\"SEQUENTIAL\",\"agents\":[\"otavio@loja.com.br\"]}");
        putSettings("{\"activeMessages\":\"ALLOWED\"}");

        JsonNode set = putSettings("{\"defaultDepartment\":\"support\"}");

        assertEquals(200, set.path("statusCode").asInt(), set.toString());
        assertEquals("{\"activeMessages\":\"ALLOWED\",\"defaultDepartment\":\"support\"}", body(set).toString());
        assertEquals(Optional.of("support"), team.defaultDepartment());
        assertEquals(ActiveMessagePolicy.ALLOWED, directory.activeMessagePolicy(), "the policy was left as it was");

        JsonNode both = putSettings("{\"activeMessages\":\"BLOCKED\",\"defaultDepartment\":\"support\"}");
        assertEquals("{\"activeMessages\":\"BLOCKED\",\"defaultDepartment\":\"support\"}", body(both).toString());

        JsonNode policyOnly = putSettings("{\"activeMessages\":\"PERMITTED_AGENTS\"}");
        assertEquals("support", body(policyOnly).path("defaultDepartment").asText(), "a body without it leaves it alone");

        JsonNode cleared = putSettings("{\"defaultDepartment\":null}");
        assertEquals(200, cleared.path("statusCode").asInt(), cleared.toString());
        assertTrue(body(cleared).path("defaultDepartment").isNull());
        assertEquals(Optional.empty(), team.defaultDepartment());
        assertEquals(ActiveMessagePolicy.PERMITTED_AGENTS, directory.activeMessagePolicy());
    }

    @Test
    void anUnknownDefaultDepartmentIsRefusedAndNeitherSettingChanges() {
        putSettings("{\"activeMessages\":\"ALLOWED\"}");
        assertRefused(400, "defaultDepartment", () -> putSettings("{\"activeMessages\":\"BLOCKED\",\"defaultDepartment\":\"nowhere\"}"));
        assertRefused(400, "defaultDepartment", () -> putSettings("{\"defaultDepartment\":7}"));
        assertRefused(400, "activeMessages", () -> putSettings("{\"activeMessages\":\"NEVER\",\"defaultDepartment\":null}"));
        assertRefused(400, "defaultDepartment", () -> putSettings("{}"));
        assertEquals(ActiveMessagePolicy.ALLOWED, directory.activeMessagePolicy());
    }
}
