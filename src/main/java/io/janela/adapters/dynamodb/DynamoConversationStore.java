package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.desk.ConversationStore;
import io.janela.application.desk.MetaMessages;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.ConversationMessage;
import io.janela.domain.message.ConversationRange;
import io.janela.domain.message.Delivery;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.MessageAuthor;
import io.janela.domain.message.MessageContent;
import io.janela.domain.message.MessageId;
import io.janela.domain.message.MetaError;
import io.janela.domain.message.Pricing;
import io.janela.domain.ticket.TicketId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link ConversationStore} on the contacts table's sparse {@code Conversation} index: the contact's
 * partition, its message items sorted by {@code msgAt}. A page is one Query; nothing is scanned.
 */
@ApplicationScoped
public class DynamoConversationStore implements ConversationStore {

    /** Past every sort key that follows a millisecond's 13 digits ({@code #IN#...}, {@code #OUT#...}). */
    private static final String AFTER_THE_MILLISECOND = "$";

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoConversationStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().contacts());
    }

    public DynamoConversationStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Page messages(String contactId, ConversationRange range, Optional<TicketId> ticket, Paging paging) {
        String partition = ContactItems.partition(contactId).s();
        String from = ContactItems.millis(range.from());
        String to = ContactItems.millis(range.to()) + AFTER_THE_MILLISECOND;
        String list = ticket.map(id -> "T" + id.value()).orElse(contactId) + "/" + paging.order();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(partition), ":from", s(from), ":to", s(to)));
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(ContactItems.CONVERSATION_INDEX)
                .keyConditionExpression("pk = :pk AND msgAt BETWEEN :from AND :to")
                .scanIndexForward(paging.order() == Order.OLDEST)
                .limit(paging.limit());
        ticket.ifPresent(id -> {
            // the ticket's own customer messages, not a flow's nor another ticket's; outbound items all carry statusRank
            values.put(":ticket", s(id.value()));
            query.filterExpression("#ticket = :ticket OR attribute_exists(statusRank)")
                    .expressionAttributeNames(Map.of("#ticket", "ticket"));
        });
        paging.cursor().ifPresent(cursor -> query.exclusiveStartKey(ConversationCursor.decode(cursor, list, partition, from, to)));
        QueryResponse page = dynamo.query(query.expressionAttributeValues(values).build());
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(ConversationCursor.encode(list, page.lastEvaluatedKey()))
                : Optional.empty();
        return new Page(page.items().stream().map(DynamoConversationStore::message).toList(), next);
    }

    @Override
    public Optional<ConversationMessage> outbound(MessageId id) {
        String prefix = ContactItems.millis(id.acceptedAt()) + "#" + ContactItems.OUTBOUND_PREFIX;
        // the id names its millisecond: the Query reads the contact's sends of that millisecond alone
        return dynamo.query(request -> request
                        .tableName(table)
                        .indexName(ContactItems.CONVERSATION_INDEX)
                        .keyConditionExpression("pk = :pk AND begins_with(msgAt, :prefix)")
                        .filterExpression("messageId = :id")
                        .expressionAttributeValues(Map.of(":pk", ContactItems.partition(id.contactId()),
                                ":prefix", s(prefix), ":id", s(id.value()))))
                .items().stream().findFirst().map(DynamoConversationStore::message);
    }

    @Override
    public Optional<Instant> acceptedAt(ContactKey contact, String wamid) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(table)
                .key(ContactItems.outboundKey(contact, wamid))
                .projectionExpression(ContactItems.MSG_AT)).item();
        return item == null ? Optional.empty() : Attributes.string(item, ContactItems.MSG_AT).map(DynamoConversationStore::timeOf);
    }

    /** The millisecond that begins a {@code msgAt} (acceptedAt is kept in seconds; msgAt to the millisecond). */
    private static Instant timeOf(String msgAt) {
        return Instant.ofEpochMilli(Long.parseLong(msgAt.substring(0, 13)));
    }

    private static ConversationMessage message(Map<String, AttributeValue> item) {
        String sortKey = item.get(ContactItems.SK).s();
        return sortKey.startsWith(ContactItems.INBOUND_PREFIX) ? inbound(item) : outbound(item, sortKey);
    }

    private static ConversationMessage inbound(Map<String, AttributeValue> item) {
        String type = Attributes.string(item, "type").orElse("unknown");
        return ConversationMessage.inbound(Attributes.required(item, "wamid"), Attributes.requiredInstant(item, "sentAt"),
                MetaMessages.content(type, Attributes.string(item, "message").orElse("{}")));
    }

    private static ConversationMessage outbound(Map<String, AttributeValue> item, String sortKey) {
        String stored = sortKey.substring(ContactItems.OUTBOUND_PREFIX.length());
        Optional<String> messageId = Attributes.string(item, "messageId");
        Optional<String> wamid = messageId.isEmpty() || !stored.equals(messageId.get()) ? Optional.of(stored) : Optional.empty();
        Instant at = timeOf(item.get(ContactItems.MSG_AT).s());
        return ConversationMessage.outbound(messageId.orElse(stored), wamid, at,
                MessageAuthor.ofOutbound(Attributes.string(item, "sentBy"), Attributes.string(item, "campaign")),
                content(item), delivery(item, at));
    }

    private static MessageContent content(Map<String, AttributeValue> item) {
        if (Attributes.string(item, "templateName").isPresent()) {
            return new MessageContent.Template(Attributes.required(item, "templateName"),
                    Attributes.string(item, "templateLanguage").orElse(""), Attributes.strings(item, "parameters"));
        }
        return Attributes.string(item, "text").<MessageContent>map(MessageContent.Text::new)
                // only Meta's statuses told of it: what was sent is not Janela's to know
                .orElseGet(() -> new MessageContent.Other("unknown", "{}"));
    }

    /** {@code acceptedAt}, kept in seconds, is the message's own time: {@code at}, to the millisecond. */
    private static Delivery delivery(Map<String, AttributeValue> item, Instant acceptedAt) {
        Map<DeliveryStatus, Instant> times = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            Attributes.instant(item, status.metaName() + "At").ifPresent(at -> times.put(status, at));
        }
        times.computeIfPresent(DeliveryStatus.ACCEPTED, (status, seconds) -> acceptedAt);
        DeliveryStatus status = Attributes.string(item, "status").flatMap(DeliveryStatus::fromMeta).orElse(DeliveryStatus.ACCEPTED);
        List<MetaError> errors = Optional.ofNullable(item.get("errors"))
                .map(value -> value.l().stream().map(error -> DynamoOutboundStore.MetaErrors.of(error.m())).toList())
                .orElse(List.of());
        return Delivery.of(status, times, errors, pricing(item));
    }

    private static Optional<Pricing> pricing(Map<String, AttributeValue> item) {
        Optional<String> category = Attributes.string(item, "pricingCategory");
        Optional<String> model = Attributes.string(item, "pricingModel");
        Optional<String> type = Attributes.string(item, "pricingType");
        if (category.isEmpty() && model.isEmpty() && type.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue billable = item.get("billable");
        return Optional.of(new Pricing(model.orElse(null), type.orElse(null), category.orElse(null),
                billable == null ? null : billable.bool()));
    }
}
