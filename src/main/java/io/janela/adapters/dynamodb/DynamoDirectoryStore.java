package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.bool;
import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.flag;
import static io.janela.adapters.dynamodb.Attributes.n;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.directory.DirectoryStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.outbound.SendBackoff;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link DirectoryStore} on the directory table: one item per template, agent, setting and sender.
 * Template and agent items carry {@code kind} ({@code TEMPLATE}, {@code AGENT}), the key of the sparse
 * {@code DirectoryByKind} index (range {@code pk}): listing either is a Query of that index, never a Scan.
 */
@ApplicationScoped
public class DynamoDirectoryStore implements DirectoryStore {

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoDirectoryStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().directory());
    }

    public DynamoDirectoryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static final String BY_KIND = "DirectoryByKind";
    static final String TEMPLATE = "TEMPLATE";
    static final String AGENT = "AGENT";

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static Map<String, AttributeValue> templateKey(String name, String language) {
        return key("TEMPLATE#" + name + "#" + language, "TEMPLATE");
    }

    /** Agents are stored under the lower-cased e-mail; an identity provider may spell it with capitals. */
    private static Map<String, AttributeValue> agentKey(String email) {
        return key("AGENT#" + email.toLowerCase(Locale.ROOT), "AGENT");
    }

    private static final Map<String, AttributeValue> SETTINGS_KEY = key("SETTINGS", "SETTINGS");

    private static Map<String, AttributeValue> senderKey(String phoneNumberId) {
        return key("SENDER#" + phoneNumberId, "BACKOFF");
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key)).item();
        return item == null ? Map.of() : item;
    }

    @Override
    public void recordTemplateStatus(TemplateStatusChange change) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", s(change.status()),
                ":at", epoch(change.at()),
                ":name", s(change.name()),
                ":language", s(change.language()),
                ":kind", s(TEMPLATE)));
        String update = "SET #status = :status, statusAt = :at, templateName = :name, #language = :language,"
                + " #kind = :kind";
        if (change.reason() != null) {
            values.put(":reason", s(change.reason()));
            update += ", reason = :reason";
        } else {
            update += " REMOVE reason";
        }
        String expression = update;
        // refused when Meta reported a newer review of this template already
        ConditionalUpdate.applied(dynamo, request -> request
                .tableName(table)
                .key(templateKey(change.name(), change.language()))
                .updateExpression(expression)
                .conditionExpression("attribute_not_exists(statusAt) OR statusAt <= :at")
                .expressionAttributeNames(Map.of("#status", "status", "#language", "language", "#kind", "kind"))
                .expressionAttributeValues(values));
    }

    /** Leaves Meta's review fields alone: the desk's settings and Meta's status are written apart. */
    @Override
    public void putTemplate(Template template) {
        Expression update = new Expression()
                .set("templateName", s(template.name()))
                .set("language", s(template.language()))
                .set("parameterCount", n(template.parameterCount()))
                .set("enabled", bool(template.enabled()))
                .set("kind", s(TEMPLATE));
        template.category().ifPresent(category -> update.set("category", s(category)));
        dynamo.updateItem(update.applyTo(UpdateItemRequest.builder()
                .tableName(table)
                .key(templateKey(template.name(), template.language())), null).build());
    }

    @Override
    public Optional<Template> findTemplate(String name, String language) {
        return template(get(templateKey(name, language)));
    }

    private static Optional<Template> template(Map<String, AttributeValue> item) {
        if (item.isEmpty() || !item.containsKey("parameterCount")) {
            return Optional.empty(); // only Meta has heard of it: the desk never set it up
        }
        return Optional.of(new Template(Attributes.required(item, "templateName"), Attributes.required(item, "language"),
                Attributes.string(item, "category"),
                Attributes.number(item, "parameterCount").orElse(0L).intValue(),
                flag(item, "enabled"),
                Attributes.string(item, "status")));
    }

    /** A page's items that are templates the desk set up; one Query of {@code DirectoryByKind}. */
    @Override
    public Page<Template> templates(Optional<String> cursor, int limit) {
        Page<Map<String, AttributeValue>> page = kindPage(TEMPLATE, cursor, limit);
        return new Page<>(page.items().stream().flatMap(item -> template(item).stream()).toList(), page.cursor());
    }

    @Override
    public Page<TeamMember> agents(Optional<String> cursor, int limit) {
        Page<Map<String, AttributeValue>> page = kindPage(AGENT, cursor, limit);
        return new Page<>(page.items().stream()
                .map(item -> new TeamMember(agent(item), Attributes.instant(item, "statusAt")))
                .toList(), page.cursor());
    }

    /**
     * One Query of the items of {@code kind}, by pk. Each kind's items have one sort key (the kind), so
     * the pk alone places a page: the cursor is it, base64url-encoded.
     */
    private Page<Map<String, AttributeValue>> kindPage(String kind, Optional<String> cursor, int limit) {
        Map<String, AttributeValue> start = cursor.map(value -> startKey(kind, value)).orElse(null);
        QueryResponse response = dynamo.query(request -> request
                .tableName(table)
                .indexName(BY_KIND)
                .keyConditionExpression("#kind = :kind")
                .expressionAttributeNames(Map.of("#kind", "kind"))
                .expressionAttributeValues(Map.of(":kind", s(kind)))
                .exclusiveStartKey(start)
                .limit(limit));
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Attributes.string(response.lastEvaluatedKey(), "pk")
                        .map(pk -> Base64.getUrlEncoder().withoutPadding().encodeToString(pk.getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
        return new Page<>(response.items(), next);
    }

    private static Map<String, AttributeValue> startKey(String kind, String cursor) {
        String pk;
        try {
            pk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            pk = "";
        }
        if (!pk.startsWith(kind + "#") || pk.length() > 1100) {
            throw new IllegalArgumentException("cursor: not a cursor of this list; send the one the previous page gave");
        }
        return Map.of("kind", s(kind), "pk", s(pk), "sk", s(kind));
    }

    /** Name and permission are the administrator's; the status is the agent's own, set only on creation here. */
    @Override
    public void putAgent(Agent agent) {
        dynamo.updateItem(request -> request
                .tableName(table)
                .key(agentKey(agent.email()))
                .updateExpression("SET email = :email, #name = :name, canSendActiveMessages = :canSend,"
                        + " #status = if_not_exists(#status, :status), #kind = :kind")
                .expressionAttributeNames(Map.of("#name", "name", "#status", "status", "#kind", "kind"))
                .expressionAttributeValues(Map.of(
                        ":kind", s(AGENT),
                        ":email", s(agent.email()),
                        ":name", s(agent.name()),
                        ":canSend", bool(agent.canSendActiveMessages()),
                        ":status", s(agent.status().name()))));
    }

    @Override
    public Optional<Agent> findAgent(String email) {
        Map<String, AttributeValue> item = get(agentKey(email));
        if (item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(agent(item));
    }

    static Agent agent(Map<String, AttributeValue> item) {
        return new Agent(Attributes.required(item, "email"), Attributes.required(item, "name"),
                Attributes.string(item, "status").map(AgentStatus::valueOf).orElse(AgentStatus.OFFLINE),
                flag(item, "canSendActiveMessages"));
    }

    @Override
    public void putActiveMessagePolicy(ActiveMessagePolicy policy) {
        dynamo.updateItem(request -> request
                .tableName(table)
                .key(SETTINGS_KEY)
                .updateExpression("SET activeMessages = :policy")
                .expressionAttributeValues(Map.of(":policy", s(policy.name()))));
    }

    @Override
    public ActiveMessagePolicy activeMessagePolicy() {
        return Attributes.string(get(SETTINGS_KEY), "activeMessages")
                .map(ActiveMessagePolicy::valueOf)
                .orElse(ActiveMessagePolicy.DEFAULT);
    }

    @Override
    public SendBackoff backOffSender(String phoneNumberId, Instant limitHitAt) {
        SendBackoff next = SendBackoff.after(senderBackoff(phoneNumberId), limitHitAt);
        dynamo.updateItem(request -> request
                .tableName(table)
                .key(senderKey(phoneNumberId))
                .updateExpression("SET #level = :level, #until = :until")
                .expressionAttributeNames(Map.of("#level", "level", "#until", "until"))
                .expressionAttributeValues(Map.of(":level", n(next.level()), ":until", epoch(next.until()))));
        return next;
    }

    @Override
    public Optional<SendBackoff> senderBackoff(String phoneNumberId) {
        Map<String, AttributeValue> item = get(senderKey(phoneNumberId));
        return Attributes.instant(item, "until")
                .map(until -> new SendBackoff(Attributes.number(item, "level").orElse(1L).intValue(), until));
    }

    private static final Map<String, AttributeValue> SWEEP_KEY = key("SWEEP", "SWEEP");

    @Override
    public Optional<Instant> lastSweepAt() {
        return Attributes.instant(get(SWEEP_KEY), "lastRunAt");
    }

    @Override
    public void recordSweep(Instant startedAt) {
        // refused when a run that started later recorded itself first
        ConditionalUpdate.applied(dynamo, request -> request
                .tableName(table)
                .key(SWEEP_KEY)
                .updateExpression("SET lastRunAt = :at")
                .conditionExpression("attribute_not_exists(lastRunAt) OR lastRunAt < :at")
                .expressionAttributeValues(Map.of(":at", epoch(startedAt))));
    }
}
