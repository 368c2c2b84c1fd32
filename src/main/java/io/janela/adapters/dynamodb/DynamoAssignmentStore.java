package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.assignment.AssignmentStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.assignment.AssignmentRules;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.IntSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * {@link AssignmentStore} on the contacts table. Waiting tickets are listed by the sparse,
 * keys-only WaitingTickets index ({@code waiting} = the queue, {@code queuedAt}); the items
 * themselves, and their contacts' profiles, are then read consistently in one BatchGetItem per page.
 * An agent's load is a COUNT on AgentTickets ({@code holder}).
 */
@ApplicationScoped
public class DynamoAssignmentStore implements AssignmentStore {

    private static final AttributeValue WAITING = s(TicketStatus.WAITING.name());
    /** Still waiting exactly where it was read: not taken, not moved, not re-queued. */
    private static final String STILL_QUEUED = "#status = :waiting AND attribute_not_exists(#agent)"
            + " AND #waiting = :queue AND #queuedAt = :queuedAt";
    /** Only a ticket with no department and no reserved agent goes to the default department. */
    private static final String NO_DEPARTMENT_YET = " AND attribute_not_exists(#department) AND attribute_not_exists(#reservedFor)";

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoAssignmentStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().contacts());
    }

    public DynamoAssignmentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Candidate> candidate(ContactKey contact, TicketId ticket) {
        Map<String, AttributeValue> ticketKey = ContactItems.ticketKey(contact, ticket);
        Map<String, Map<String, AttributeValue>> items = byKey(BatchReads.consistently(dynamo, table,
                List.of(ticketKey, ContactItems.profileKey(contact))));
        return Optional.ofNullable(items.get(keyText(ticketKey)))
                .map(item -> candidate(item, items.getOrDefault(keyText(ContactItems.profileKey(contact)), Map.of())));
    }

    private static Candidate candidate(Map<String, AttributeValue> ticket, Map<String, AttributeValue> profile) {
        return new Candidate(TicketItems.ticket(ticket), Attributes.string(ticket, "waiting"),
                Attributes.instant(ticket, "queuedAt"), Attributes.string(profile, "defaultAgent"),
                Attributes.string(profile, "lastAgent"));
    }

    @Override
    public Iterator<Candidate> waiting(String queue, IntSupplier pageSize) {
        return new WaitingQueue(queue, pageSize);
    }

    /** One queue of the WaitingTickets index, a page of keys and then their items at a time. */
    private final class WaitingQueue implements Iterator<Candidate> {

        private final String queue;
        private final IntSupplier pageSize;
        private final Deque<Candidate> page = new ArrayDeque<>();
        private Map<String, AttributeValue> startKey;
        private boolean exhausted;

        WaitingQueue(String queue, IntSupplier pageSize) {
            this.queue = queue;
            this.pageSize = pageSize;
        }

        @Override
        public boolean hasNext() {
            while (page.isEmpty() && !exhausted) {
                readPage();
            }
            return !page.isEmpty();
        }

        @Override
        public Candidate next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.removeFirst();
        }

        private void readPage() {
            QueryResponse listed = dynamo.query(request -> request
                    .tableName(table)
                    .indexName(ContactItems.WAITING_INDEX)
                    .keyConditionExpression("waiting = :queue")
                    .expressionAttributeValues(Map.of(":queue", s(queue)))
                    .limit(Math.max(1, pageSize.getAsInt()))
                    .exclusiveStartKey(startKey));
            startKey = listed.hasLastEvaluatedKey() && !listed.lastEvaluatedKey().isEmpty() ? listed.lastEvaluatedKey() : null;
            exhausted = startKey == null;
            if (listed.items().isEmpty()) {
                return;
            }
            LinkedHashSet<Map<String, AttributeValue>> keys = new LinkedHashSet<>();
            for (Map<String, AttributeValue> entry : listed.items()) {
                keys.add(Map.of(ContactItems.PK, entry.get(ContactItems.PK), ContactItems.SK, entry.get(ContactItems.SK)));
                keys.add(ContactItems.profileKey(ContactItems.contactOf(entry)));
            }
            Map<String, Map<String, AttributeValue>> items = byKey(BatchReads.consistently(dynamo, table, new ArrayList<>(keys)));
            for (Map<String, AttributeValue> entry : listed.items()) {
                Map<String, AttributeValue> ticket = items.get(keyText(entry));
                if (ticket == null) {
                    continue;
                }
                Candidate candidate = candidate(ticket,
                        items.getOrDefault(keyText(ContactItems.profileKey(ContactItems.contactOf(entry))), Map.of()));
                // the index lags the table: a ticket taken or moved since it was listed is not this queue's any more
                if (candidate.waiting() && candidate.queue().get().equals(queue)) {
                    page.addLast(candidate);
                }
            }
        }
    }

    @Override
    public boolean assign(Candidate ticket, Optional<String> intoDepartment, String agent, AssignmentRules.Reason reason,
            String by, Instant at) {
        Map<String, AttributeValue> values = stillQueued(ticket);
        values.put(":open", s(TicketStatus.OPEN.name()));
        values.put(":agent", s(agent));
        values.put(":at", epoch(at));
        values.put(":by", s(by));
        values.put(":reason", s(reason.name()));
        String update = "SET #status = :open, #agent = :agent, #holder = :agent, assignedAt = :at, assignedBy = :by,"
                + " assignReason = :reason";
        String condition = STILL_QUEUED;
        if (intoDepartment.isPresent()) {
            values.put(":department", s(intoDepartment.get()));
            update += ", #department = :department, #queue = :department";
            condition += NO_DEPARTMENT_YET;
        }
        String expression = update + " REMOVE #reservedFor, #waiting, #queuedAt";
        String when = condition;
        return ConditionalUpdate.applied(dynamo, request -> request
                .tableName(table)
                .key(ContactItems.ticketKey(ticket.ticket().contact(), ticket.ticket().id()))
                .updateExpression(expression)
                .conditionExpression(when)
                .expressionAttributeNames(Expression.names(expression, when))
                .expressionAttributeValues(values));
    }

    @Override
    public boolean placeInDepartment(Candidate ticket, String department) {
        Map<String, AttributeValue> values = stillQueued(ticket);
        values.put(":department", s(department));
        values.put(":departmentQueue", s(Assignment.departmentQueue(department)));
        String update = "SET #department = :department, #queue = :department, #waiting = :departmentQueue";
        String condition = STILL_QUEUED + NO_DEPARTMENT_YET;
        return ConditionalUpdate.applied(dynamo, request -> request
                .tableName(table)
                .key(ContactItems.ticketKey(ticket.ticket().contact(), ticket.ticket().id()))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(Expression.names(update, condition))
                .expressionAttributeValues(values));
    }

    private static Map<String, AttributeValue> stillQueued(Candidate ticket) {
        if (!ticket.waiting()) {
            throw new IllegalArgumentException("ticket " + ticket.ticket().id() + " is not waiting");
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":waiting", WAITING);
        values.put(":queue", s(ticket.queue().get()));
        values.put(":queuedAt", epoch(ticket.queuedAt().get()));
        return values;
    }

    @Override
    public int openTicketsOf(String agent) {
        int count = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse counted = dynamo.query(request -> request
                    .tableName(table)
                    .indexName(ContactItems.AGENT_INDEX)
                    .keyConditionExpression("holder = :agent")
                    .expressionAttributeValues(Map.of(":agent", s(agent)))
                    .select(Select.COUNT)
                    .exclusiveStartKey(from));
            count += counted.count();
            startKey = counted.hasLastEvaluatedKey() && !counted.lastEvaluatedKey().isEmpty() ? counted.lastEvaluatedKey() : null;
        } while (startKey != null);
        return count;
    }

    private static Map<String, Map<String, AttributeValue>> byKey(List<Map<String, AttributeValue>> items) {
        Map<String, Map<String, AttributeValue>> byKey = new HashMap<>();
        items.forEach(item -> byKey.put(keyText(item), item));
        return byKey;
    }

    private static String keyText(Map<String, AttributeValue> item) {
        return item.get(ContactItems.PK).s() + "\n" + item.get(ContactItems.SK).s();
    }
}
