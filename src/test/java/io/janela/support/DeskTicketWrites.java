package io.janela.support;

import io.janela.domain.ticket.CloseCondition;
import io.janela.domain.ticket.CloseOutcome;
import io.janela.adapters.dynamodb.DynamoClosingStore;
import io.janela.application.sweep.ClosingStore;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.window.WindowState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A ticket moved the way the desk's writers move it, as the storage contract says (assignment by the
 * rules or by hand, tags, an agent's answer), with UpdateItem, for tests of what reads them; closes go
 * through the real {@link DynamoClosingStore}.
 */
public final class DeskTicketWrites {

    private final DynamoDbClient dynamo;
    private final String table;

    public DeskTicketWrites(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(ContactKey contact, TicketId ticket) {
        return TestContacts.itemKey(contact, "TICKET#" + ticket.value());
    }

    private static Map<String, String> names(String... attributes) {
        return Arrays.stream(attributes).collect(Collectors.toMap(name -> "#" + name, name -> name));
    }

    private void update(ContactKey contact, TicketId ticket, String expression, Map<String, String> names,
            Map<String, AttributeValue> values) {
        dynamo.updateItem(request -> request.tableName(table).key(key(contact, ticket)).updateExpression(expression)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values.isEmpty() ? null : values));
    }

    /** Into a department's queue by hand: WAITING there, nobody holds it. */
    public void toDepartment(ContactKey contact, TicketId ticket, String department, Instant at) {
        update(contact, ticket, "SET #department = :department, #queue = :department, #status = :waiting,"
                        + " #waiting = :waitingQueue, #queuedAt = :at, #byHand = :true REMOVE #agent, #holder, #reservedFor",
                names("department", "queue", "status", "waiting", "queuedAt", "byHand", "agent", "holder", "reservedFor"),
                Map.of(":department", AttributeValue.fromS(department), ":waiting", AttributeValue.fromS("WAITING"),
                        ":waitingQueue", AttributeValue.fromS("D#" + department),
                        ":at", AttributeValue.fromN(Long.toString(at.getEpochSecond())),
                        ":true", AttributeValue.fromBool(true)));
    }

    /** Assigned by the rules: the agent holds it, its department (if any) stays. */
    public void toAgent(ContactKey contact, TicketId ticket, String agent, Instant at) {
        update(contact, ticket, "SET #agent = :agent, #holder = :agent, #status = :open, #assignedAt = :at,"
                        + " #assignedBy = :janela, #assignReason = :reason REMOVE #reservedFor, #waiting, #queuedAt",
                names("agent", "holder", "status", "assignedAt", "assignedBy", "assignReason", "reservedFor", "waiting",
                        "queuedAt"),
                Map.of(":agent", AttributeValue.fromS(agent), ":open", AttributeValue.fromS("OPEN"),
                        ":at", AttributeValue.fromN(Long.toString(at.getEpochSecond())),
                        ":janela", AttributeValue.fromS("janela"), ":reason", AttributeValue.fromS("RULES")));
    }

    /** Assigned to an agent by hand: the department goes, as desks expect. */
    public void byHandToAgent(ContactKey contact, TicketId ticket, String agent, Instant at) {
        toAgent(contact, ticket, agent, at);
        update(contact, ticket, "SET #byHand = :true REMOVE #department, #queue", names("byHand", "department", "queue"),
                Map.of(":true", AttributeValue.fromBool(true)));
    }

    public void tag(ContactKey contact, TicketId ticket, String... tags) {
        update(contact, ticket, "ADD #tags :tags", names("tags"), Map.of(":tags", AttributeValue.fromSs(Arrays.asList(tags))));
    }

    /** An agent answered: the customer waits no more. */
    public void answered(ContactKey contact, TicketId ticket) {
        update(contact, ticket, "REMOVE #unansweredSince", names("unansweredSince"), Map.of());
    }

    /** An agent's close, through the real closing write. */
    public void close(ContactKey contact, TicketId ticket, String agent, Instant at) {
        CloseOutcome outcome = new DynamoClosingStore(dynamo, table, 100).close(contact, ticket,
                new Closing(CloseReason.AGENT, at, agent, WindowState.OPEN, ClosingMessage.NONE),
                new CloseCondition.WhileOpen());
        if (outcome != CloseOutcome.CLOSED) {
            throw new IllegalStateException("the ticket did not close: " + outcome);
        }
    }
}
