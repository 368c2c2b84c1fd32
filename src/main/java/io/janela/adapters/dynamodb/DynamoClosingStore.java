package io.janela.adapters.dynamodb;

import io.janela.domain.ticket.CloseCondition;
import io.janela.domain.ticket.CloseOutcome;
import static io.janela.adapters.dynamodb.Attributes.bool;
import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.sweep.ClosingStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.domain.window.CustomerServiceWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link ClosingStore} on the contacts table. Open tickets sit in the sparse DueTickets index
 * under {@code dueShard} DUE#0-3, sorted by the end of their window; scheduled closes sit in the
 * sparse ScheduledCloses index. A close removes both keys, so closed tickets leave both indexes.
 */
@ApplicationScoped
public class DynamoClosingStore implements ClosingStore {

    private static final AttributeValue CLOSED = s(TicketStatus.CLOSED.name());
    private static final String OPEN_TICKET = "attribute_exists(pk) AND #status <> :closed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final int pageSize;

    @Inject
    public DynamoClosingStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().contacts(), config.sweep().pageSize());
    }

    public DynamoClosingStore(DynamoDbClient dynamo, String table, int pageSize) {
        this.dynamo = dynamo;
        this.table = table;
        this.pageSize = pageSize;
    }

    @Override
    public Iterator<DueTicket> dueBy(Instant horizon) {
        List<IndexPages> shards = IntStream.range(0, ContactItems.DUE_SHARDS)
                .mapToObj(shard -> indexPages(ContactItems.DUE_INDEX, "dueShard = :shard AND dueAt <= :horizon",
                        Map.of(":shard", s("DUE#" + shard), ":horizon", epoch(horizon))))
                .toList();
        return new Merged<>(shards, item -> Attributes.number(item, "dueAt").orElseThrow(), DynamoClosingStore::dueTicket);
    }

    private static DueTicket dueTicket(Map<String, AttributeValue> item) {
        Instant lastInboundAt = Attributes.requiredInstant(item, "lastInboundAt");
        long windowEnds = lastInboundAt.plus(CustomerServiceWindow.LENGTH).getEpochSecond();
        boolean marked = Attributes.number(item, "expiringFor").filter(forWindow -> forWindow == windowEnds).isPresent();
        return new DueTicket(ContactItems.contactOf(item), ContactItems.ticketIdOf(item),
                lastInboundAt, marked);
    }

    @Override
    public Iterator<DueClose> scheduledBy(Instant now) {
        IndexPages scheduled = indexPages(ContactItems.SCHEDULED_INDEX, "closeShard = :shard AND closeAt <= :now",
                Map.of(":shard", s(ContactItems.SCHEDULED_SHARD), ":now", epoch(now)));
        return new Merged<>(List.of(scheduled), item -> Attributes.number(item, "closeAt").orElseThrow(), item -> new DueClose(ContactItems.contactOf(item),
                new TicketId(item.get(ContactItems.SK).s().substring(ContactItems.TICKET_PREFIX.length())),
                Attributes.requiredInstant(item, "closeAt")));
    }

    private IndexPages indexPages(String index, String keyCondition, Map<String, AttributeValue> values) {
        return new IndexPages(dynamo, query -> query
                .tableName(table)
                .indexName(index)
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)
                .limit(pageSize));
    }

    @Override
    public Optional<Ticket> ticket(ContactKey contact, TicketId id) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(table)
                .key(ContactItems.ticketKey(contact, id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(TicketItems.ticket(item));
    }

    @Override
    public CloseOutcome close(ContactKey contact, TicketId id, Closing closing, CloseCondition condition) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":closed", CLOSED);
        values.put(":reason", s(closing.reason().name()));
        values.put(":at", epoch(closing.at()));
        values.put(":by", s(closing.by()));
        values.put(":window", s(closing.windowState().name()));
        values.put(":message", s(closing.message().outcome().name()));
        values.put(":closedState", s(ContactItems.CLOSED));
        String when = OPEN_TICKET;
        if (condition instanceof CloseCondition.Unchanged unchanged) {
            when += " AND lastInboundAt = :seen";
            values.put(":seen", epoch(unchanged.lastInboundAt()));
        } else if (condition instanceof CloseCondition.AsScheduled scheduled) {
            when += " AND closeAt = :scheduledAt";
            values.put(":scheduledAt", epoch(scheduled.close().at()));
            if (scheduled.close().cancelOnReply()) {
                // a message in the request's own second cancels it, as ScheduledClose.cancelledBy says
                when += " AND lastInboundAt < closeRequestedAt";
            }
        }
        Optional<Map<String, AttributeValue>> refused = updateTicket(contact, id, "SET #status = :closed,"
                + " closeReason = :reason, closedAt = :at, closedBy = :by, closedWindowState = :window,"
                + " closingMessage = :message, deskState = :closedState"
                + " REMOVE dueShard, closeShard, holder, queue, waiting, queuedAt", when, values);
        if (refused.isEmpty()) {
            return CloseOutcome.CLOSED;
        }
        Map<String, AttributeValue> current = refused.get();
        CloseOutcome why = condition.outcomeFor(current.isEmpty() ? Optional.empty() : Optional.of(TicketItems.ticket(current)));
        // refused, yet closable as it stood: only a customer message the item does not show apart explains it
        return why == CloseOutcome.CLOSED ? CloseOutcome.CUSTOMER_WROTE : why;
    }

    /**
     * One conditional update of a ticket item: empty when it was applied, else the item as it stood
     * (an empty map when there is none), so the caller can say why it was refused.
     */
    private Optional<Map<String, AttributeValue>> updateTicket(ContactKey contact, TicketId id, String update,
            String condition, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(ContactItems.ticketKey(contact, id))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException refused) {
            return Optional.of(refused.hasItem() ? refused.item() : Map.of());
        }
    }

    @Override
    public void recordClosingMessage(ContactKey contact, TicketId id, ClosingMessage message) {
        recordMessage(contact, id, "closingMessage", message, Optional.empty());
    }

    @Override
    public boolean markExpiring(ContactKey contact, TicketId id, Instant lastInboundAt, Instant at) {
        AttributeValue windowEnds = epoch(lastInboundAt.plus(CustomerServiceWindow.LENGTH));
        // refused when marked already, when the customer wrote since, or once closed
        return ConditionalUpdate.applied(dynamo, request -> request
                .tableName(table)
                .key(ContactItems.ticketKey(contact, id))
                .updateExpression("SET expiringFor = :windowEnds, expiringMarkedAt = :at")
                .conditionExpression(OPEN_TICKET + " AND lastInboundAt = :seen"
                        + " AND (attribute_not_exists(expiringFor) OR expiringFor <> :windowEnds)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":closed", CLOSED, ":seen", epoch(lastInboundAt),
                        ":windowEnds", windowEnds, ":at", epoch(at))));
    }

    @Override
    public void recordNudge(ContactKey contact, TicketId id, Instant at, ClosingMessage outcome) {
        recordMessage(contact, id, "nudge", outcome, Optional.of(at));
    }

    /** Stores a message outcome as {@code <prefix>} and {@code <prefix>Detail} on an existing ticket. */
    private void recordMessage(ContactKey contact, TicketId id, String prefix, ClosingMessage message, Optional<Instant> at) {
        Expression update = new Expression().set(prefix, s(message.outcome().name()));
        message.detail().ifPresent(detail -> update.set(prefix + "Detail", s(detail)));
        at.ifPresent(instant -> update.set(prefix + "At", epoch(instant)));
        // refused when the ticket is gone: nothing to record on
        ConditionalUpdate.applied(dynamo, update.applyTo(UpdateItemRequest.builder()
                .tableName(table)
                .key(ContactItems.ticketKey(contact, id)), "attribute_exists(pk)").build());
    }

    @Override
    public ScheduleOutcome scheduleClose(ContactKey contact, TicketId id, ScheduledClose close) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":closed", CLOSED,
                ":shard", s(ContactItems.SCHEDULED_SHARD),
                ":at", epoch(close.at()),
                ":cancelOnReply", bool(close.cancelOnReply()),
                ":by", s(close.requestedBy()),
                ":requestedAt", epoch(close.requestedAt())));
        String update = "SET closeShard = :shard, closeAt = :at, closeCancelOnReply = :cancelOnReply,"
                + " closeRequestedBy = :by, closeRequestedAt = :requestedAt";
        if (close.message().isPresent()) {
            update += ", closeMessage = :message";
            values.put(":message", s(close.message().get()));
        } else {
            update += " REMOVE closeMessage";
        }
        return updateTicket(contact, id, update, OPEN_TICKET, values)
                .map(current -> current.isEmpty() ? ScheduleOutcome.NOT_FOUND : ScheduleOutcome.ALREADY_CLOSED)
                .orElse(ScheduleOutcome.SCHEDULED);
    }

    @Override
    public CancelOutcome cancelScheduledClose(ContactKey contact, TicketId id, Optional<Instant> onlyAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":closed", CLOSED));
        String when = OPEN_TICKET + " AND attribute_exists(closeShard)";
        if (onlyAt.isPresent()) {
            when += " AND closeAt = :at";
            values.put(":at", epoch(onlyAt.get()));
        }
        return updateTicket(contact, id, "REMOVE closeShard, closeAt, closeCancelOnReply, closeMessage, closeRequestedBy,"
                        + " closeRequestedAt", when, values)
                .map(current -> current.isEmpty() ? CancelOutcome.NOT_FOUND
                        : CLOSED.equals(current.get("status")) ? CancelOutcome.ALREADY_CLOSED : CancelOutcome.NOT_SCHEDULED)
                .orElse(CancelOutcome.CANCELLED);
    }

    /**
     * Several sorted page streams read as one, smallest key first. Each stream is a shard of the
     * same index, so the merge gives the whole index's order while reading each shard lazily.
     */
    private static final class Merged<T> implements Iterator<T> {
        private final List<IndexPages> streams;
        private final Comparator<IndexPages> order;
        private final Function<Map<String, AttributeValue>, T> read;

        Merged(List<IndexPages> streams, Function<Map<String, AttributeValue>, Long> sortKey,
                Function<Map<String, AttributeValue>, T> read) {
            this.streams = streams;
            this.order = Comparator.comparing(stream -> sortKey.apply(stream.peek()));
            this.read = read;
        }

        @Override
        public boolean hasNext() {
            return streams.stream().anyMatch(IndexPages::hasNext);
        }

        @Override
        public T next() {
            IndexPages earliest = streams.stream().filter(IndexPages::hasNext).min(order)
                    .orElseThrow(NoSuchElementException::new);
            return read.apply(earliest.next());
        }
    }
}
