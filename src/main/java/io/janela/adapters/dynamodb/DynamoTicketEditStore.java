package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.bool;
import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.n;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.desk.TicketEditStore;
import io.janela.application.outbound.ReplyStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.desk.Note;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.Reply;
import io.janela.domain.ticket.Retag;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link TicketEditStore} on the contacts table. Every ticket write keeps the desk's index keys as
 * {@link TicketItems#deskKeys} describes them: {@code holder} with the agent, {@code queue} with the
 * department, {@code waiting}/{@code queuedAt} only while WAITING. Notes are items of the contact's
 * partition sorted under their ticket; they carry {@code ticket} and none of the index keys, so no
 * index ever lists them.
 */
@ApplicationScoped
public class DynamoTicketEditStore implements TicketEditStore, ReplyStore {

    static final String BY_HAND = "BY_HAND";
    static final String REPLIED = "REPLIED";
    private static final String OPEN_TICKET = "attribute_exists(#pk) AND #status <> :closed";
    private static final String EXISTING_TICKET = "attribute_exists(#pk)";
    /** Each attempt follows another edit of the same ticket landing between our read and our write. */
    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoTicketEditStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().contacts());
    }

    public DynamoTicketEditStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public EditOutcome assignToAgent(Ticket ticket, String agent, String by, Instant at) {
        return assignByHand(ticket, Assignment.byHandToAgent(agent), by, at);
    }

    @Override
    public EditOutcome assignToDepartment(Ticket ticket, String department, String by, Instant at) {
        return assignByHand(ticket, Assignment.byHandToDepartment(department), by, at);
    }

    /**
     * Writes the ticket as the domain assigns it: its status, its whole assignment and the desk's keys
     * for that state (a waiting ticket queues from {@code at}), with who moved it. Refused once closed.
     */
    private EditOutcome assignByHand(Ticket ticket, Assignment to, String by, Instant at) {
        Ticket assigned = ticket.assigned(to);
        Expression update = new Expression()
                .set("status", s(assigned.status().name()))
                .include(TicketItems.assignmentWritten(assigned.assignment()))
                .include(TicketItems.deskKeysWritten(assigned, at))
                .set("assignedAt", epoch(at))
                .set("assignedBy", s(by))
                .set("assignReason", s(BY_HAND))
                .conditionValue(":closed", s(TicketStatus.CLOSED.name()));
        Attempt attempt = update(ticket, update, OPEN_TICKET);
        if (attempt.written().isPresent()) {
            return new Applied(TicketItems.ticket(attempt.written().get()));
        }
        return attempt.current().isEmpty() ? new TicketGone() : new TicketClosed();
    }

    /**
     * The new set is written whole (DynamoDB takes no ADD and DELETE of one attribute in one
     * update), on condition that the set is still the one it was computed from: the limit holds
     * exactly, and a concurrent edit is read again and merged, never overwritten.
     */
    @Override
    public EditOutcome retag(Ticket ticket, Set<String> add, Set<String> remove, String by, Instant at) {
        Ticket seen = ticket;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Retag retag = seen.retagged(add, remove);
            if (retag instanceof Retag.TooManyTags tooMany) {
                return new TooManyTags(tooMany.count());
            }
            Set<String> tags = ((Retag.Tagged) retag).tags();
            Expression update = new Expression()
                    .set("tagsUpdatedBy", s(by))
                    .set("tagsUpdatedAt", epoch(at))
                    .setOrRemove("tags", tags.isEmpty() ? Optional.empty() : Optional.of(AttributeValue.fromSs(List.copyOf(tags))));
            Attempt written = update(seen, update, EXISTING_TICKET + " AND " + tagsAsSeen(seen.tags(), update));
            if (written.written().isPresent()) {
                return new Applied(TicketItems.ticket(written.written().get()));
            }
            if (written.current().isEmpty()) {
                return new TicketGone();
            }
            seen = TicketItems.ticket(written.current().get());
        }
        throw new IllegalStateException("the tags of ticket " + ticket.id() + " kept changing: try again");
    }

    /** A condition that holds while the ticket's tags are exactly {@code seen}. */
    private static String tagsAsSeen(Set<String> seen, Expression update) {
        if (seen.isEmpty()) {
            return "attribute_not_exists(#tags)";
        }
        List<String> clauses = new ArrayList<>();
        update.conditionValue(":seenCount", n(seen.size()));
        clauses.add("size(#tags) = :seenCount");
        int i = 0;
        for (String tag : seen) {
            update.conditionValue(":seen" + i, s(tag));
            clauses.add("contains(#tags, :seen" + i++ + ")");
        }
        return "(" + String.join(" AND ", clauses) + ")";
    }

    /**
     * Planned by the domain from the ticket as last seen, with a condition that holds while it still
     * is so: a refusal brings the ticket as it is now, and the domain plans again from that.
     */
    @Override
    public ReplyOutcome replied(Ticket ticket, String agent, Instant at) {
        Ticket seen = ticket;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Reply reply = seen.replyBy(agent, at);
            if (reply instanceof Reply.NotOpen) {
                return ReplyOutcome.NOT_OPEN;
            }
            if (!(reply instanceof Reply.Mark mark)) {
                return ReplyOutcome.ANSWERED;
            }
            Expression update = new Expression()
                    .setOrRemove("unansweredSince", mark.unansweredSince().map(Attributes::epoch))
                    .conditionValue(":closed", s(TicketStatus.CLOSED.name()))
                    .conditionValue(":at", epoch(mark.at()));
            String condition = OPEN_TICKET + " AND #lastInboundAt " + (mark.answersAll() ? "<=" : ">") + " :at";
            if (mark.takeOver().isPresent()) {
                condition += " AND " + takenOver(mark.takeOver().get(), mark.at(), update);
            }
            Attempt written = update(seen, update, condition);
            if (written.written().isPresent()) {
                return mark.takeOver().isPresent() ? ReplyOutcome.TOOK_OVER : ReplyOutcome.ANSWERED;
            }
            if (written.current().isEmpty()) {
                return ReplyOutcome.NOT_OPEN;
            }
            seen = TicketItems.ticket(written.current().get());
        }
        throw new IllegalStateException("ticket " + ticket.id() + " kept changing while its reply was recorded");
    }

    /** Adds the take-over to {@code update}; the condition under which it holds. */
    private static String takenOver(Reply.TakeOver takeOver, Instant at, Expression update) {
        update.set("agent", s(takeOver.agent()))
                .set("holder", s(takeOver.agent()))
                .set("status", s(TicketStatus.OPEN.name()))
                .set("assignedBy", s(takeOver.agent()))
                .set("assignedAt", epoch(at))
                .set("assignReason", s(REPLIED))
                .remove("waiting")
                .remove("queuedAt")
                .remove("reservedFor");
        takeOver.reservation().ifPresent(kept -> update.conditionValue(":reservation", s(kept)));
        return "attribute_not_exists(#agent) AND "
                + (takeOver.reservation().isPresent() ? "#reservedFor = :reservation" : "attribute_not_exists(#reservedFor)");
    }

    /** What one conditional update of a ticket gave: the item written, or the item as it stood (none when absent). */
    private record Attempt(Optional<Map<String, AttributeValue>> written, Optional<Map<String, AttributeValue>> current) {
    }

    private Attempt update(Ticket ticket, Expression update, String condition) {
        try {
            Map<String, AttributeValue> written = dynamo.updateItem(request -> request
                    .tableName(table)
                    .key(ContactItems.ticketKey(ticket.contact(), ticket.id()))
                    .updateExpression(update.update())
                    .conditionExpression(condition)
                    .expressionAttributeNames(Expression.names(update.update(), condition))
                    .expressionAttributeValues(update.values())
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new Attempt(Optional.of(written), Optional.empty());
        } catch (ConditionalCheckFailedException refused) {
            return new Attempt(Optional.empty(), Optional.ofNullable(refused.hasItem() && !refused.item().isEmpty()
                    ? refused.item() : null));
        }
    }

    @Override
    public StoredNote addNote(ContactKey contact, TicketId ticket, Note note) {
        String id = String.format("%013d-%s", note.at().toEpochMilli(), UUID.randomUUID().toString().substring(0, 8));
        Map<String, AttributeValue> item = new HashMap<>(ContactItems.key(contact, noteKey(ticket, id)));
        item.put("ticket", s(ticket.value()));
        item.put("at", epoch(note.at()));
        item.put("by", s(note.by()));
        item.put("text", s(note.text()));
        dynamo.putItem(request -> request
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", ContactItems.PK)));
        return new StoredNote(id, ticket, note);
    }

    @Override
    public List<StoredNote> notes(ContactKey contact, TicketId ticket) {
        String prefix = noteKey(ticket, "");
        // consistent: an agent who has just written a note finds it
        return dynamo.queryPaginator(request -> request
                        .tableName(table)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", ContactItems.PK, "#sk", ContactItems.SK))
                        .expressionAttributeValues(Map.of(":pk", ContactItems.partition(contact), ":prefix", s(prefix)))
                        .consistentRead(true))
                .items().stream()
                .map(item -> {
                    String id = item.get(ContactItems.SK).s().substring(prefix.length());
                    Instant at = Instant.ofEpochMilli(Long.parseLong(id.substring(0, id.indexOf('-'))));
                    return new StoredNote(id, ticket, new Note(at, Attributes.required(item, "by"),
                            Attributes.required(item, "text")));
                })
                .toList();
    }

    /** {@code NOTE#<ticketId>#<epoch millis, 13 digits>-<random>}: a ticket's notes sort by time under it. */
    private static String noteKey(TicketId ticket, String id) {
        return ContactItems.NOTE_PREFIX + ticket.value() + "#" + id;
    }

    @Override
    public void setContactFlags(ContactKey contact, ContactFlags flags, String by, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":by", s(by), ":at", epoch(at)));
        List<String> sets = new ArrayList<>(List.of("#flagsUpdatedBy = :by", "#flagsUpdatedAt = :at"));
        String remove = "";
        flags.blocked().ifPresent(blocked -> {
            sets.add("#blocked = :blocked");
            values.put(":blocked", bool(blocked));
        });
        flags.broadcastOptOut().ifPresent(optOut -> {
            // dated like Meta's own opt-outs, so an older user_preferences webhook arriving later does not undo it
            sets.add("#broadcastOptOut = :optOut");
            sets.add("#broadcastOptOutAt = :at");
            values.put(":optOut", bool(optOut));
        });
        if (flags.defaultAgent().isPresent()) {
            Optional<String> agent = flags.defaultAgent().get().email();
            if (agent.isPresent()) {
                sets.add("#defaultAgent = :defaultAgent");
                values.put(":defaultAgent", s(agent.get()));
            } else {
                remove = " REMOVE #defaultAgent";
            }
        }
        String update = "SET " + String.join(", ", sets) + remove;
        dynamo.updateItem(request -> request
                .tableName(table)
                .key(ContactItems.profileKey(contact))
                .updateExpression(update)
                .expressionAttributeNames(Expression.names(update))
                .expressionAttributeValues(values));
    }
}
