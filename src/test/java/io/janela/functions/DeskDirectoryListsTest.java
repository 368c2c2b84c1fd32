package io.janela.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.assignment.TeamStore;
import io.janela.application.desk.DirectoryLists;
import io.janela.application.directory.DirectoryStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MockLambda;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** GET /templates and GET /agents: the directory as an agent reads it, a Query of the sparse DirectoryByKind index. */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class DeskDirectoryListsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant REVIEWED = Instant.parse("2026-03-01T12:00:00Z");
    private static final String READER = "lists.reader@loja.com.br";

    @Inject
    DirectoryStore directory;
    @Inject
    TeamStore team;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    private static JsonNode get(String path, Map<String, String> query, String caller) {
        String event = HttpApiEvents.get(path, path, query, Map.of());
        return MockLambda.invoke(caller == null ? event : HttpApiEvents.withCaller(event, caller));
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + response, e);
        }
    }

    private void agent(String email, boolean canSend) {
        directory.putAgent(new Agent(email, email.substring(0, email.indexOf('@')), AgentStatus.OFFLINE, canSend));
    }

    private void template(String name, int parameters, boolean enabled, Optional<String> status) {
        directory.putTemplate(new Template(name, "pt_BR", Optional.of("UTILITY"), parameters, enabled, Optional.empty()));
        status.ifPresent(review -> directory.recordTemplateStatus(new TemplateStatusChange(name, "pt_BR", review, null, REVIEWED)));
    }

    /** Every page of a list, followed by its cursors, as the desk page reads it. */
    private static List<JsonNode> all(String path, String field, Map<String, String> query, String caller) {
        List<JsonNode> items = new ArrayList<>();
        Map<String, String> next = new HashMap<>(query);
        for (int pages = 0; pages < 50; pages++) {
            JsonNode response = get(path, next, caller);
            assertEquals(200, response.path("statusCode").asInt(), response.toString());
            JsonNode page = body(response);
            assertTrue(page.path(field).size() <= DirectoryLists.PAGE, "a page is bounded");
            page.path(field).forEach(items::add);
            if (page.path("cursor").isNull()) {
                return items;
            }
            next.put("cursor", page.path("cursor").asText());
        }
        throw new AssertionError("the cursors never ended");
    }

    private static Optional<JsonNode> named(List<JsonNode> items, String field, String value) {
        return items.stream().filter(item -> value.equals(item.path(field).asText())).findFirst();
    }

    @Test
    void templatesListsWhatTheDeskSetUpAndUsableKeepsOnlyWhatTheGateLetsAnAgentSend() {
        agent(READER, false);
        template("lists_ready", 2, true, Optional.of("APPROVED"));
        template("lists_switched_off", 1, false, Optional.of("APPROVED"));
        template("lists_in_review", 0, true, Optional.of("PENDING"));
        template("lists_unreviewed", 3, true, Optional.empty());
        // only Meta has heard of it: the desk never set it up, so the gate does not know it either
        directory.recordTemplateStatus(new TemplateStatusChange("lists_meta_only", "pt_BR", "APPROVED", null, REVIEWED));

        List<JsonNode> every = all("/templates", "templates", Map.of(), READER);
        JsonNode ready = named(every, "name", "lists_ready").orElseThrow();
        assertEquals("pt_BR", ready.path("language").asText());
        assertEquals("UTILITY", ready.path("category").asText());
        assertEquals(2, ready.path("parameterCount").asInt());
        assertTrue(ready.path("enabled").asBoolean());
        assertEquals("APPROVED", ready.path("status").asText());
        assertTrue(ready.path("sendable").asBoolean());
        assertEquals("PENDING", named(every, "name", "lists_in_review").orElseThrow().path("status").asText());
        assertTrue(named(every, "name", "lists_unreviewed").orElseThrow().path("status").isNull());
        assertFalse(named(every, "name", "lists_switched_off").orElseThrow().path("enabled").asBoolean());
        assertTrue(named(every, "name", "lists_meta_only").isEmpty(), "a template only Meta reported is not listed");
        assertEquals("TEMPLATE", dynamo.getItem(request -> request.tableName(config.tables().directory()).key(Map.of(
                "pk", AttributeValue.fromS("TEMPLATE#lists_meta_only#pt_BR"), "sk", AttributeValue.fromS("TEMPLATE"))))
                .item().get("kind").s(), "Meta's review writes the kind too: once set up, the template is listed");

        List<JsonNode> usable = all("/templates", "templates", Map.of("usable", "true"), READER);
        assertTrue(named(usable, "name", "lists_ready").isPresent());
        for (String refused : List.of("lists_switched_off", "lists_in_review", "lists_unreviewed")) {
            assertTrue(named(usable, "name", refused).isEmpty(), refused + " is not usable");
        }
        assertTrue(usable.stream().allMatch(template -> template.path("sendable").asBoolean()));
    }

    @Test
    void agentsListsTheTeamWithStatusPermissionAndDepartments() {
        agent(READER, false);
        agent("lists.bia@loja.com.br", true);
        agent("lists.caio@loja.com.br", false);
        team.putDepartment(new Department("lists-billing", "Billing", Department.Strategy.RANDOM,
                List.of("lists.bia@loja.com.br"), Optional.empty(), Optional.empty()), "admin@loja.com.br", REVIEWED);
        team.setAgentStatus("lists.bia@loja.com.br", AgentStatus.ONLINE, "lists.bia@loja.com.br", REVIEWED);

        List<JsonNode> agents = all("/agents", "agents", Map.of(), READER);
        JsonNode bia = named(agents, "email", "lists.bia@loja.com.br").orElseThrow();
        assertEquals("lists.bia", bia.path("name").asText());
        assertEquals("ONLINE", bia.path("status").asText());
        assertEquals(REVIEWED, Instant.parse(bia.path("statusAt").asText()));
        assertTrue(bia.path("canSendActiveMessages").asBoolean());
        assertEquals("[\"lists-billing\"]", bia.path("departments").toString());
        JsonNode caio = named(agents, "email", "lists.caio@loja.com.br").orElseThrow();
        assertEquals("OFFLINE", caio.path("status").asText());
        assertTrue(caio.path("statusAt").isNull());
        assertEquals(0, caio.path("departments").size());
    }

    @Test
    void aLongListComesInBoundedPagesThatTheCursorWalksOnceEach() {
        agent(READER, false);
        Set<String> written = new HashSet<>();
        for (int i = 0; i < DirectoryLists.PAGE + 5; i++) {
            String name = String.format("lists_many_%03d", i);
            template(name, 0, true, Optional.of("APPROVED"));
            written.add(name);
        }

        List<JsonNode> every = all("/templates", "templates", Map.of("usable", "true"), READER);

        List<String> names = every.stream().map(template -> template.path("name").asText())
                .filter(name -> name.startsWith("lists_many_")).toList();
        assertEquals(written, new HashSet<>(names));
        assertEquals(written.size(), names.size(), "each once");
    }

    @Test
    void anotherListsCursorIsRefusedNamingTheCursor() {
        agent(READER, false);
        String agentsCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("AGENT#a@b.co".getBytes());
        for (String cursor : List.of(agentsCursor, "not a cursor!")) {
            JsonNode response = get("/templates", Map.of("cursor", cursor), READER);
            assertEquals(400, response.path("statusCode").asInt(), response.toString());
            assertTrue(body(response).path("message").asText().contains("cursor"), response.toString());
        }
        JsonNode badUsable = get("/templates", Map.of("usable", "yes"), READER);
        assertEquals(400, badUsable.path("statusCode").asInt(), badUsable.toString());
        assertTrue(body(badUsable).path("message").asText().contains("usable"), badUsable.toString());
    }

    @Test
    void onlyTheDesksAgentsReadTheLists() {
        for (String path : List.of("/templates", "/agents")) {
            assertEquals(401, get(path, Map.of(), null).path("statusCode").asInt(), path);
            JsonNode stranger = get(path, Map.of(), "stranger@elsewhere.com");
            assertEquals(403, stranger.path("statusCode").asInt(), path + ": " + stranger);
        }
    }

    @Test
    void anAgentSavedBeforeTheIndexIsListedOnceTheirStatusChanges() {
        agent(READER, false);
        String table = config.tables().directory();
        dynamo.putItem(request -> request.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("AGENT#lists.old@loja.com.br"), "sk", AttributeValue.fromS("AGENT"),
                "email", AttributeValue.fromS("lists.old@loja.com.br"), "name", AttributeValue.fromS("Old"),
                "status", AttributeValue.fromS("OFFLINE"))));
        assertTrue(named(all("/agents", "agents", Map.of(), READER), "email", "lists.old@loja.com.br").isEmpty());

        team.setAgentStatus("lists.old@loja.com.br", AgentStatus.AWAY, "lists.old@loja.com.br", REVIEWED);

        JsonNode old = named(all("/agents", "agents", Map.of(), READER), "email", "lists.old@loja.com.br").orElseThrow();
        assertEquals("AWAY", old.path("status").asText());
    }
}
