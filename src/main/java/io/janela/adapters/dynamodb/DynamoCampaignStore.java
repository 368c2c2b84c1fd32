package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.n;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.RetryJitter;
import io.janela.application.campaign.CampaignStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.campaign.Audience;
import io.janela.domain.campaign.Recipient;
import io.janela.domain.campaign.RecipientOutcome;
import io.janela.domain.campaign.SkipReason;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.message.MetaError;
import io.janela.domain.routing.ReplyRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link CampaignStore} in the directory table: one partition per campaign (its header and one
 * row per recipient, in audience order), and a small partition listing the campaigns still sending.
 */
@ApplicationScoped
public class DynamoCampaignStore implements CampaignStore {

    private static final String HEADER = "#CAMPAIGN";
    private static final String ROW_PREFIX = "R#";
    private static final String ACTIVE_PARTITION = "CAMPAIGNS";
    private static final String ACTIVE_PREFIX = "ACTIVE#";
    private static final String COUNT_PREFIX = "c_";
    private static final int BATCH_WRITE_LIMIT = 25;
    /** Each retry follows another transaction on the campaign's counts landing first. */
    private static final int MOVE_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoCampaignStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().directory());
    }

    public DynamoCampaignStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static AttributeValue partition(String id) {
        return s("CAMPAIGN#" + id);
    }

    private static Map<String, AttributeValue> headerKey(String id) {
        return Map.of("pk", partition(id), "sk", s(HEADER));
    }

    private static String rowKey(int row) {
        return ROW_PREFIX + String.format(Locale.ROOT, "%08d", row);
    }

    private static Map<String, AttributeValue> rowItemKey(String id, int row) {
        return Map.of("pk", partition(id), "sk", s(rowKey(row)));
    }

    private static Map<String, AttributeValue> activeKey(String id) {
        return Map.of("pk", s(ACTIVE_PARTITION), "sk", s(ACTIVE_PREFIX + id));
    }

    @Override
    public boolean create(Campaign campaign, Audience audience) {
        if (find(campaign.id()).isPresent()) {
            return false; // a retried request: its rows may have moved on since, they are never written again
        }
        List<Recipient> rows = audience.rows().stream().map(Recipient::of).toList();
        for (int start = 0; start < rows.size(); start += BATCH_WRITE_LIMIT) {
            writeRows(campaign.id(), rows.subList(start, Math.min(rows.size(), start + BATCH_WRITE_LIMIT)));
        }
        Map<String, AttributeValue> header = new HashMap<>(headerKey(campaign.id()));
        header.putAll(headerAttributes(campaign));
        rows.forEach(row -> header.merge(COUNT_PREFIX + row.countName(), n(1),
                (total, one) -> n(Long.parseLong(total.n()) + 1)));
        Map<String, AttributeValue> marker = new HashMap<>(activeKey(campaign.id()));
        marker.put("campaignId", s(campaign.id()));
        try {
            // the header is written last: a campaign exists once all its rows do
            dynamo.transactWriteItems(request -> request.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(header)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker).build()).build()));
            return true;
        } catch (TransactionCanceledException exists) {
            if (!exists.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(exists.cancellationReasons().get(0).code())) {
                return false;
            }
            throw exists;
        }
    }

    private void writeRows(String id, List<Recipient> rows) {
        List<WriteRequest> pending = rows.stream()
                .map(row -> WriteRequest.builder().putRequest(PutRequest.builder().item(rowItem(id, row)).build()).build())
                .toList();
        while (!pending.isEmpty()) {
            List<WriteRequest> batch = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, batch)));
            pending = response.unprocessedItems().getOrDefault(table, List.of());
        }
    }

    private static Map<String, AttributeValue> rowItem(String id, Recipient row) {
        Map<String, AttributeValue> item = new HashMap<>(rowItemKey(id, row.row()));
        item.put("row", n(row.row()));
        // a row names its recipient by phone (as written, and its digits when valid) or by user id
        row.named().phone().ifPresent(phone -> item.put("phone", s(phone)));
        row.named().waId().ifPresent(waId -> item.put("waId", s(waId)));
        row.named().userId().ifPresent(userId -> item.put("userId", s(userId)));
        item.put("parameters", AttributeValue.fromL(row.parameters().stream().map(Attributes::s).toList()));
        item.put("outcome", s(row.outcome().name()));
        row.skipReason().ifPresent(reason -> item.put("skipReason", s(reason.name())));
        return item;
    }

    private static Map<String, AttributeValue> headerAttributes(Campaign campaign) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("campaignId", s(campaign.id()));
        item.put("phoneNumberId", s(campaign.phoneNumberId()));
        item.put("templateName", s(campaign.templateName()));
        item.put("templateLanguage", s(campaign.templateLanguage()));
        campaign.templateCategory().ifPresent(category -> item.put("templateCategory", s(category)));
        campaign.replyRoute().ifPresent(route -> {
            item.put("routeKind", s(route.kind()));
            item.put("routeTarget", s(route.target()));
        });
        item.put("createdBy", s(campaign.createdBy()));
        item.put("createdAt", epoch(campaign.createdAt()));
        item.put("total", n(campaign.total()));
        item.put("state", s(campaign.state().name()));
        item.put("cursor", n(campaign.cursor()));
        return item;
    }

    @Override
    public Optional<Campaign> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(table).key(headerKey(id)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> counts = new TreeMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(COUNT_PREFIX) && Long.parseLong(value.n()) != 0) {
                counts.put(name.substring(COUNT_PREFIX.length()), Long.parseLong(value.n()));
            }
        });
        Optional<ReplyRoute> route = Attributes.string(item, "routeKind")
                .map(kind -> ReplyRoute.of(kind, Attributes.required(item, "routeTarget")));
        return Optional.of(new Campaign(id, Attributes.required(item, "phoneNumberId"),
                Attributes.required(item, "templateName"), Attributes.required(item, "templateLanguage"),
                Attributes.string(item, "templateCategory"), route, Attributes.required(item, "createdBy"),
                Attributes.requiredInstant(item, "createdAt"), Attributes.number(item, "total").orElse(0L).intValue(),
                State.valueOf(Attributes.required(item, "state")), Attributes.number(item, "cursor").orElse(0L).intValue(),
                counts));
    }

    @Override
    public Page recipients(String id, int afterRow, int limit) {
        QueryResponse page = dynamo.query(request -> request
                .tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(
                        ":pk", partition(id), ":from", s(rowKey(afterRow + 1)), ":to", s(rowKey(99_999_999))))
                .consistentRead(true)
                .limit(limit));
        List<Recipient> rows = page.items().stream().map(DynamoCampaignStore::recipient).toList();
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !rows.isEmpty();
        return new Page(rows, more ? Optional.of(rows.get(rows.size() - 1).row()) : Optional.empty());
    }

    @Override
    public Optional<Recipient> recipient(String id, int row) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(table).key(rowItemKey(id, row)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(recipient(item));
    }

    private static Recipient recipient(Map<String, AttributeValue> item) {
        Optional<MetaError> error = Optional.ofNullable(item.get("error")).map(AttributeValue::m)
                .map(DynamoOutboundStore.MetaErrors::of);
        List<String> parameters = Attributes.strings(item, "parameters");
        Audience.Named named = Attributes.string(item, "userId")
                .map(Audience.Named::userId)
                .orElseGet(() -> new Audience.Named(Audience.Named.By.PHONE, Attributes.string(item, "phone").orElse(""),
                        Attributes.string(item, "waId").map(CustomerId.WaId::new)));
        return new Recipient(
                Attributes.number(item, "row").orElseThrow().intValue(),
                named,
                parameters,
                RecipientOutcome.valueOf(Attributes.required(item, "outcome")),
                Attributes.string(item, "skipReason").map(SkipReason::valueOf),
                Attributes.string(item, "wamid"),
                error);
    }

    @Override
    public List<String> activeCampaigns() {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(request -> request
                    .tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :active)")
                    .expressionAttributeValues(Map.of(":pk", s(ACTIVE_PARTITION), ":active", s(ACTIVE_PREFIX)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> ids.add(Attributes.required(item, "campaignId")));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }

    @Override
    public boolean lease(String id, Instant now, Instant until) {
        return ConditionalUpdate.applied(dynamo, request -> request
                .tableName(table)
                .key(headerKey(id))
                .updateExpression("SET leaseUntil = :until")
                .conditionExpression("#state = :sending AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(
                        ":until", epoch(until), ":now", epoch(now), ":sending", s(State.SENDING.name()))));
    }

    @Override
    public void release(String id, Instant until) {
        // refused when our lease ran out and another driver holds the campaign now
        ConditionalUpdate.applied(dynamo, request -> request
                .tableName(table)
                .key(headerKey(id))
                .updateExpression("REMOVE leaseUntil")
                .conditionExpression("leaseUntil = :until")
                .expressionAttributeValues(Map.of(":until", epoch(until))));
    }

    @Override
    public void checkpoint(String id, int cursor) {
        // refused when a later checkpoint is stored: a checkpoint never moves back
        ConditionalUpdate.applied(dynamo, request -> request
                .tableName(table)
                .key(headerKey(id))
                .updateExpression("SET #cursor = :cursor")
                .conditionExpression("#cursor < :cursor")
                .expressionAttributeNames(Map.of("#cursor", "cursor"))
                .expressionAttributeValues(Map.of(":cursor", n(cursor))));
    }

    @Override
    public void finish(String id, Instant at) {
        dynamo.transactWriteItems(request -> request.transactItems(
                TransactWriteItem.builder().update(Update.builder()
                        .tableName(table)
                        .key(headerKey(id))
                        .updateExpression("SET #state = :done, finishedAt = :at REMOVE leaseUntil")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":done", s(State.DONE.name()), ":at", epoch(at)))
                        .build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(activeKey(id)).build()).build()));
    }

    @Override
    public boolean move(String id, Recipient from, Recipient to) {
        Expression row = new Expression().set("outcome", s(to.outcome().name()));
        to.skipReason().ifPresent(reason -> row.set("skipReason", s(reason.name())));
        to.wamid().ifPresent(wamid -> row.set("wamid", s(wamid)));
        to.error().ifPresent(error -> row.set("error", DynamoOutboundStore.MetaErrors.item(error)));
        row.conditionValue(":from", s(from.outcome().name()));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(row.applyTo(Update.builder()
                .tableName(table).key(rowItemKey(id, from.row())), "#outcome = :from").build()).build());
        if (!from.countName().equals(to.countName())) {
            writes.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(table)
                    .key(headerKey(id))
                    .updateExpression("ADD #from :less, #to :more")
                    .expressionAttributeNames(Map.of(
                            "#from", COUNT_PREFIX + from.countName(), "#to", COUNT_PREFIX + to.countName()))
                    .expressionAttributeValues(Map.of(":less", n(-1), ":more", n(1)))
                    .build()).build());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(request -> request.transactItems(writes));
                return true;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                    return false;
                }
                // every row that moves counts on the campaign's header, so concurrent sends and
                // statuses of one campaign meet there: DynamoDB cancels all but one, nothing applied
                if (attempt == MOVE_ATTEMPTS
                        || reasons.stream().noneMatch(reason -> "TransactionConflict".equals(reason.code()))) {
                    throw cancelled;
                }
                pauseBeforeRetry(attempt);
            }
        }
    }

    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(RetryJitter.millisBelow(5L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while moving a campaign row", e);
        }
    }
}
