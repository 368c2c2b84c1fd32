package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.n;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.ingest.QuarantineStore;
import io.janela.application.ingest.Quarantined;
import io.janela.config.JanelaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link QuarantineStore} in the directory table: one partition, {@code QUARANTINE}, sorted by the
 * day of receipt and the update's SHA-256 ({@code Q#<yyyymmdd>#<20 hex>}), so a duplicate delivery
 * the same day lands on the same item. Kept until deleted: nothing accepted is ever lost. An item's id
 * is its sort key spelt for a URL path ({@code <yyyymmdd>-<20 hex>}): a {@code #} would end the path.
 */
@ApplicationScoped
public class DynamoQuarantineStore implements QuarantineStore {

    static final String PARTITION = "QUARANTINE";
    private static final Pattern SORT_KEY = Pattern.compile("Q#[0-9]{8}#[0-9a-f]{20}");
    private static final Pattern ID = Pattern.compile("[0-9]{8}-[0-9a-f]{20}");

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoQuarantineStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().directory());
    }

    public DynamoQuarantineStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void keep(Quarantined item) {
        String day = LocalDate.ofInstant(item.receivedAt(), ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        Map<String, AttributeValue> stored = new HashMap<>();
        stored.put(ContactItems.PK, s(PARTITION));
        stored.put(ContactItems.SK, s("Q#" + day + "#" + item.sha256().substring(0, 20)));
        stored.put("path", s(item.path()));
        stored.put("kind", s(item.kind()));
        stored.put("reason", s(item.reason()));
        stored.put("excerpt", s(item.excerpt()));
        stored.put("bytes", n(item.bytes()));
        stored.put("sha256", s(item.sha256()));
        stored.put("receivedAt", epoch(item.receivedAt()));
        item.phoneNumberId().ifPresent(id -> stored.put("phoneNumberId", s(id)));
        try {
            dynamo.putItem(request -> request.tableName(table).item(stored).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException keptAlready) {
            // the same update, delivered again the same day
        }
    }

    @Override
    public Page list(int limit, Optional<String> cursor) {
        Optional<String> after = cursor.map(DynamoQuarantineStore::decode);
        QueryResponse page = dynamo.query(request -> {
            request.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(PARTITION)))
                    .scanIndexForward(false)
                    .limit(limit);
            after.ifPresent(sk -> request.exclusiveStartKey(Map.of(ContactItems.PK, s(PARTITION), ContactItems.SK, s(sk))));
        });
        List<Kept> items = page.items().stream().map(DynamoQuarantineStore::kept).toList();
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(encode(page.lastEvaluatedKey().get(ContactItems.SK).s()))
                : Optional.empty();
        return new Page(items, next);
    }

    @Override
    public boolean delete(String id) {
        if (!ID.matcher(id).matches()) {
            return false;
        }
        String sortKey = "Q#" + id.replace('-', '#');
        Map<String, AttributeValue> old = dynamo.deleteItem(request -> request
                .tableName(table)
                .key(Map.of(ContactItems.PK, s(PARTITION), ContactItems.SK, s(sortKey)))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    private static Kept kept(Map<String, AttributeValue> item) {
        String sortKey = item.get(ContactItems.SK).s();
        return new Kept(sortKey.substring("Q#".length()).replace('#', '-'), new Quarantined(
                Attributes.required(item, "path"),
                Attributes.required(item, "kind"),
                Attributes.required(item, "reason"),
                Attributes.required(item, "excerpt"),
                Attributes.number(item, "bytes").orElse(0L),
                Attributes.required(item, "sha256"),
                Attributes.requiredInstant(item, "receivedAt"),
                Attributes.string(item, "phoneNumberId")));
    }

    private static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor this store did not write is refused, never read as a key. */
    private static String decode(String cursor) {
        try {
            String sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (SORT_KEY.matcher(sortKey).matches()) {
                return sortKey;
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw new IllegalArgumentException("cursor is not one this list gave");
    }
}
