package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.n;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.assignment.TeamStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link TeamStore} on the directory table. Departments share one partition ({@code DEPARTMENTS},
 * sorted by id), so listing them is one Query. Agents are {@code AGENT#<email>}/{@code AGENT} (the
 * same items {@link DynamoDirectoryStore} keeps); each department's round-robin counter is
 * {@code TURN#<id>}/{@code TURN}; the default department is a field of {@code SETTINGS}.
 */
@ApplicationScoped
public class DynamoTeamStore implements TeamStore {

    static final String DEPARTMENTS = "DEPARTMENTS";
    private static final Map<String, AttributeValue> SETTINGS_KEY = Map.of("pk", s("SETTINGS"), "sk", s("SETTINGS"));

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoTeamStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().directory());
    }

    public DynamoTeamStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> agentKey(String email) {
        return Map.of("pk", s("AGENT#" + email.toLowerCase(Locale.ROOT)), "sk", s("AGENT"));
    }

    private static Map<String, AttributeValue> departmentKey(String id) {
        return Map.of("pk", s(DEPARTMENTS), "sk", s(id));
    }

    @Override
    public void putDepartment(Department department, String by, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(departmentKey(department.id()));
        item.put("name", s(department.name()));
        item.put("strategy", s(department.strategy().name()));
        item.put("agents", AttributeValue.fromL(department.agents().stream().map(Attributes::s).toList()));
        department.specificAgent().ifPresent(agent -> item.put("specificAgent", s(agent)));
        department.maxConcurrent().ifPresent(cap -> item.put("maxConcurrent", n(cap)));
        item.put("updatedBy", s(by));
        item.put("updatedAt", epoch(at));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    @Override
    public Optional<Department> findDepartment(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(table).key(departmentKey(id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(department(item));
    }

    @Override
    public List<Department> departments() {
        return dynamo.queryPaginator(request -> request
                        .tableName(table)
                        .keyConditionExpression("pk = :departments")
                        .expressionAttributeValues(Map.of(":departments", s(DEPARTMENTS))))
                .items().stream()
                .map(DynamoTeamStore::department)
                .toList();
    }

    private static Department department(Map<String, AttributeValue> item) {
        List<String> agents = Attributes.strings(item, "agents");
        return new Department(Attributes.required(item, "sk"), Attributes.required(item, "name"),
                Department.Strategy.valueOf(Attributes.required(item, "strategy")), agents,
                Attributes.string(item, "specificAgent"),
                Attributes.number(item, "maxConcurrent").map(Long::intValue));
    }

    /** Refused when there is no such agent: a status is never written for someone the desk does not know. */
    @Override
    public Optional<AgentStatus> setAgentStatus(String email, AgentStatus status, String by, Instant at) {
        try {
            Map<String, AttributeValue> old = dynamo.updateItem(request -> request
                    .tableName(table)
                    .key(agentKey(email))
                    .updateExpression("SET #status = :status, statusBy = :by, statusAt = :at, #kind = :kind")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#status", "status", "#kind", "kind"))
                    .expressionAttributeValues(Map.of(":status", s(status.name()), ":by", s(by), ":at", epoch(at),
                            ":kind", s(DynamoDirectoryStore.AGENT)))
                    .returnValues(ReturnValue.UPDATED_OLD)).attributes();
            return Optional.of(Attributes.string(old == null ? Map.of() : old, "status")
                    .map(AgentStatus::valueOf)
                    .orElse(AgentStatus.OFFLINE));
        } catch (ConditionalCheckFailedException noSuchAgent) {
            return Optional.empty();
        }
    }

    /** Read consistently: an agent who has just come online is seen online. */
    @Override
    public Map<String, Agent> agents(Collection<String> emails) {
        List<Map<String, AttributeValue>> keys = emails.stream()
                .map(email -> email.toLowerCase(Locale.ROOT))
                .distinct()
                .map(DynamoTeamStore::agentKey)
                .toList();
        Map<String, Agent> found = new HashMap<>();
        BatchReads.consistently(dynamo, table, keys).stream()
                .map(DynamoDirectoryStore::agent)
                .forEach(agent -> found.put(agent.email(), agent));
        return found;
    }

    /** One atomic ADD: concurrent callers each get their own turn, with no read before the write. */
    @Override
    public long nextTurn(String departmentId) {
        Map<String, AttributeValue> updated = dynamo.updateItem(request -> request
                .tableName(table)
                .key(Map.of("pk", s("TURN#" + departmentId), "sk", s("TURN")))
                .updateExpression("ADD #turn :one")
                .expressionAttributeNames(Map.of("#turn", "turn"))
                .expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Attributes.number(updated, "turn").orElseThrow() - 1;
    }

    @Override
    public Optional<String> defaultDepartment() {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(SETTINGS_KEY)).item();
        return Attributes.string(item == null ? Map.of() : item, "defaultDepartment");
    }

    @Override
    public void putDefaultDepartment(Optional<String> departmentId, String by, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":by", s(by), ":at", epoch(at)));
        departmentId.ifPresent(id -> values.put(":department", s(id)));
        dynamo.updateItem(request -> request
                .tableName(table)
                .key(SETTINGS_KEY)
                .updateExpression(departmentId.isPresent()
                        ? "SET defaultDepartment = :department, defaultDepartmentBy = :by, defaultDepartmentAt = :at"
                        : "SET defaultDepartmentBy = :by, defaultDepartmentAt = :at REMOVE defaultDepartment")
                .expressionAttributeValues(values));
    }
}
