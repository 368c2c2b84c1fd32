package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.n;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.TeamStore;
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
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link TeamStore} on the directory table. Departments share one partition ({@code DEPARTMENTS},
 * sorted by id), so listing them is one Query.
 */
@ApplicationScoped
public class DynamoTeamStore implements TeamStore {

    static final String DEPARTMENTS = "DEPARTMENTS";

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
        List<String> agents = Optional.ofNullable(item.get("agents"))
                .map(value -> value.l().stream().map(AttributeValue::s).toList())
                .orElse(List.of());
        return new Department(Attributes.required(item, "sk"), Attributes.required(item, "name"),
                Department.Strategy.valueOf(Attributes.required(item, "strategy")), agents,
                Attributes.string(item, "specificAgent"),
                Attributes.number(item, "maxConcurrent").map(Long::intValue));
    }

    @Override
    public Optional<AgentStatus> setAgentStatus(String email, AgentStatus status, String by, Instant at) {
        throw new UnsupportedOperationException("being built (issue 5)");
    }

    @Override
    public Map<String, Agent> agents(Collection<String> emails) {
        throw new UnsupportedOperationException("being built (issue 5)");
    }

    @Override
    public long nextTurn(String departmentId) {
        throw new UnsupportedOperationException("being built (issue 5)");
    }

    @Override
    public Optional<String> defaultDepartment() {
        throw new UnsupportedOperationException("being built (issue 5)");
    }

    @Override
    public void putDefaultDepartment(Optional<String> departmentId) {
        throw new UnsupportedOperationException("being built (issue 5)");
    }
}
