package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.bool;
import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.flag;
import static io.janela.adapters.dynamodb.Attributes.n;
import static io.janela.adapters.dynamodb.Attributes.s;
import static io.janela.adapters.dynamodb.ContactItems.EXPIRES_AT;
import static io.janela.adapters.dynamodb.ContactItems.PK;
import static io.janela.adapters.dynamodb.ContactItems.SK;
import static io.janela.adapters.dynamodb.ContactItems.TICKET_BY_ID_INDEX;

import io.janela.application.ContactStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.contact.MarketingPreference;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.message.MetaError;
import io.janela.domain.message.StatusUpdate;
import io.janela.domain.ticket.ProtocolNumber;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.domain.window.CustomerServiceWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** {@link ContactStore} on one DynamoDB table, one partition per contact. */
@ApplicationScoped
public class DynamoContactStore implements ContactStore {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final PartitionReads reads;

    @Inject
    public DynamoContactStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().contacts());
    }

    public DynamoContactStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.reads = new PartitionReads(dynamo, table);
    }

    @Override
    public IntakeView intakeView(ContactKey contact, String wamid) {
        Map<String, Map<String, AttributeValue>> items = reads.consistently(
                List.of(ContactItems.profileKey(contact), ContactItems.inboundKey(contact, wamid)));
        ContactProfile profile = Optional.ofNullable(items.get(ContactItems.PROFILE))
                .map(item -> profile(contact, item))
                .orElseGet(() -> ContactProfile.firstSeen(contact));
        return new IntakeView(profile, items.containsKey(ContactItems.INBOUND_PREFIX + wamid));
    }

    @Override
    public void advanceWindow(ContactKey contact, Instant inboundAt) {
        Instant closesAt = CustomerServiceWindow.since(inboundAt).closesAt().orElseThrow();
        updateUnlessStale(UpdateItemRequest.builder()
                .tableName(table)
                .key(ContactItems.windowKey(contact))
                .updateExpression("SET lastInboundAt = :at, closesAt = :closes, #expires = :closes")
                .conditionExpression("attribute_not_exists(lastInboundAt) OR lastInboundAt < :at")
                .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":at", epoch(inboundAt), ":closes", epoch(closesAt)))
                .build());
    }

    @Override
    public OpenOutcome openTicket(Ticket ticket, Optional<String> profileName) {
        ContactKey contact = ticket.contact();
        Map<String, AttributeValue> item = new HashMap<>(ContactItems.ticketKey(contact, ticket.id()));
        item.putAll(ticketAttributes(ticket));
        Map<String, AttributeValue> profileValues = new HashMap<>(Map.of(":ticket", s(ticket.id().value())));
        String profileUpdate = "SET openTicketId = :ticket";
        if (profileName.isPresent()) {
            profileUpdate += ", #name = :name";
            profileValues.put(":name", s(profileName.get()));
        }
        Update.Builder pointAtTicket = Update.builder()
                .tableName(table)
                .key(ContactItems.profileKey(contact))
                .updateExpression(profileUpdate)
                .conditionExpression("attribute_not_exists(openTicketId)")
                .expressionAttributeValues(profileValues);
        if (profileName.isPresent()) {
            pointAtTicket.expressionAttributeNames(Map.of("#name", "name"));
        }
        try {
            dynamo.transactWriteItems(request -> request.transactItems(
                    TransactWriteItem.builder().put(Put.builder()
                            .tableName(table)
                            .item(item)
                            .conditionExpression("attribute_not_exists(pk)")
                            .build()).build(),
                    TransactWriteItem.builder().update(pointAtTicket.build()).build()));
            return OpenOutcome.OPENED;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (failedCondition(reasons, 0)) {
                return OpenOutcome.ALREADY_OPENED;
            }
            if (failedCondition(reasons, 1)) {
                return OpenOutcome.CONTACT_HAS_OPEN_TICKET;
            }
            throw cancelled;
        }
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
    }

    private static Map<String, AttributeValue> ticketAttributes(Ticket ticket) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("ticketId", s(ticket.id().value()));
        item.put("protocol", s(ticket.protocol().value()));
        item.put("status", s(ticket.status().name()));
        item.put("phoneNumberId", s(ticket.contact().phoneNumberId()));
        item.put("waId", s(ticket.contact().waId()));
        item.put("openedAt", epoch(ticket.openedAt()));
        item.put("lastInboundAt", epoch(ticket.lastInboundAt()));
        if (ticket.isOpen()) {
            item.put("dueShard", s(ContactItems.dueShard(ticket.id())));
            item.put("dueAt", epoch(ticket.window().closesAt().orElseThrow()));
        }
        return item;
    }

    @Override
    public JoinOutcome joinTicket(ContactKey contact, TicketId ticket, Instant inboundAt) {
        Instant dueAt = CustomerServiceWindow.since(inboundAt).closesAt().orElseThrow();
        try {
            dynamo.updateItem(request -> request
                    .tableName(table)
                    .key(ContactItems.ticketKey(contact, ticket))
                    .updateExpression("SET lastInboundAt = :at, dueAt = :due")
                    .conditionExpression("#status <> :closed AND lastInboundAt < :at")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":at", epoch(inboundAt),
                            ":due", epoch(dueAt),
                            ":closed", s(TicketStatus.CLOSED.name())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return JoinOutcome.JOINED;
        } catch (ConditionalCheckFailedException refused) {
            Map<String, AttributeValue> current = refused.hasItem() ? refused.item() : Map.of();
            boolean stillOpen = Attributes.string(current, "status")
                    .filter(status -> !TicketStatus.CLOSED.name().equals(status))
                    .isPresent();
            if (stillOpen) {
                return JoinOutcome.JOINED; // an older message: the ticket already runs from a newer one
            }
            forgetOpenTicket(contact, ticket);
            return JoinOutcome.TICKET_CLOSED;
        }
    }

    /** Heals a profile that still points at a ticket that is closed or gone. */
    private void forgetOpenTicket(ContactKey contact, TicketId ticket) {
        updateUnlessStale(UpdateItemRequest.builder()
                .tableName(table)
                .key(ContactItems.profileKey(contact))
                .updateExpression("REMOVE openTicketId")
                .conditionExpression("openTicketId = :ticket")
                .expressionAttributeValues(Map.of(":ticket", s(ticket.value())))
                .build());
    }

    @Override
    public void rememberName(ContactKey contact, String name) {
        dynamo.updateItem(request -> request
                .tableName(table)
                .key(ContactItems.profileKey(contact))
                .updateExpression("SET #name = :name")
                .expressionAttributeNames(Map.of("#name", "name"))
                .expressionAttributeValues(Map.of(":name", s(name))));
    }

    @Override
    public void storeInbound(InboundMessage message, Optional<TicketId> ticket, Instant receivedAt) {
        Map<String, AttributeValue> item = new HashMap<>(ContactItems.inboundKey(message.contact(), message.wamid()));
        item.put("wamid", s(message.wamid()));
        item.put("type", s(message.type()));
        item.put("sentAt", epoch(message.sentAt()));
        item.put("receivedAt", epoch(receivedAt));
        item.put("message", s(message.originalJson()));
        ticket.ifPresent(id -> item.put("ticketId", s(id.value())));
        try {
            dynamo.putItem(request -> request
                    .tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException alreadyStored) {
            // a concurrent delivery of the same message finished first: same content, nothing to do
        }
    }

    @Override
    public void recordStatus(StatusUpdate update) {
        String statusTime = update.status().metaName() + "At";
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#statusTime", statusTime));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", s(update.status().metaName()),
                ":rank", n(update.status().rank()),
                ":at", epoch(update.at())));
        // details that every status of one message shares: whichever arrives first sets them
        StringBuilder shared = new StringBuilder("#statusTime = if_not_exists(#statusTime, :at)");
        update.pricing().ifPresent(pricing -> {
            setIfAbsent(shared, names, values, "pricingCategory", pricing.category());
            setIfAbsent(shared, names, values, "pricingType", pricing.type());
            setIfAbsent(shared, names, values, "pricingModel", pricing.model());
            if (pricing.billable() != null) {
                names.put("#billable", "billable");
                values.put(":billable", bool(pricing.billable()));
                shared.append(", #billable = if_not_exists(#billable, :billable)");
            }
        });
        update.conversationId().ifPresent(id -> setIfAbsent(shared, names, values, "conversationId", id));
        update.callbackData().ifPresent(data -> setIfAbsent(shared, names, values, "callbackData", data));

        StringBuilder forward = new StringBuilder("SET #status = :status, statusRank = :rank, statusAt = :at, ")
                .append(shared);
        if (!update.errors().isEmpty()) {
            names.put("#errors", "errors");
            values.put(":errors", AttributeValue.fromL(update.errors().stream().map(DynamoContactStore::error).toList()));
            forward.append(", #errors = :errors");
        }
        try {
            dynamo.updateItem(request -> request
                    .tableName(table)
                    .key(ContactItems.outboundKey(update.contact(), update.wamid()))
                    .updateExpression(forward.toString())
                    .conditionExpression("attribute_not_exists(statusRank) OR statusRank < :rank")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException overtaken) {
            recordOvertakenStatus(update, shared.toString(), names, values);
        }
    }

    /** A status that arrived after a later one still leaves its own time, never the status. */
    private void recordOvertakenStatus(StatusUpdate update, String shared, Map<String, String> names,
            Map<String, AttributeValue> values) {
        Map<String, AttributeValue> used = values.entrySet().stream()
                .filter(entry -> shared.contains(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, String> usedNames = names.entrySet().stream()
                .filter(entry -> shared.contains(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        updateUnlessStale(UpdateItemRequest.builder()
                .tableName(table)
                .key(ContactItems.outboundKey(update.contact(), update.wamid()))
                .updateExpression("SET " + shared)
                .conditionExpression("attribute_not_exists(#statusTime)")
                .expressionAttributeNames(usedNames)
                .expressionAttributeValues(used)
                .build());
    }

    private static void setIfAbsent(StringBuilder expression, Map<String, String> names,
            Map<String, AttributeValue> values, String attribute, String value) {
        if (value == null) {
            return;
        }
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, s(value));
        expression.append(", #").append(attribute).append(" = if_not_exists(#").append(attribute)
                .append(", :").append(attribute).append(")");
    }

    private static AttributeValue error(MetaError error) {
        Map<String, AttributeValue> fields = new HashMap<>();
        fields.put("code", n(error.code()));
        Optional.ofNullable(error.title()).ifPresent(title -> fields.put("title", s(title)));
        Optional.ofNullable(error.message()).ifPresent(message -> fields.put("message", s(message)));
        Optional.ofNullable(error.details()).ifPresent(details -> fields.put("details", s(details)));
        return AttributeValue.fromM(fields);
    }

    @Override
    public void recordMarketingPreference(MarketingPreference preference) {
        updateUnlessStale(UpdateItemRequest.builder()
                .tableName(table)
                .key(ContactItems.profileKey(preference.contact()))
                .updateExpression("SET broadcastOptOut = :stopped, broadcastOptOutAt = :at")
                .conditionExpression("attribute_not_exists(broadcastOptOutAt) OR broadcastOptOutAt < :at")
                .expressionAttributeValues(Map.of(":stopped", bool(preference.stopped()), ":at", epoch(preference.at())))
                .build());
    }

    @Override
    public Optional<ContactView> findContact(ContactKey contact) {
        Map<String, Map<String, AttributeValue>> items = reads.consistently(
                List.of(ContactItems.profileKey(contact), ContactItems.windowKey(contact)));
        if (items.isEmpty()) {
            return Optional.empty();
        }
        ContactProfile profile = Optional.ofNullable(items.get(ContactItems.PROFILE))
                .map(item -> profile(contact, item))
                .orElseGet(() -> ContactProfile.firstSeen(contact));
        CustomerServiceWindow window = Optional.ofNullable(items.get(ContactItems.WINDOW))
                .flatMap(item -> Attributes.instant(item, "lastInboundAt"))
                .map(CustomerServiceWindow::since)
                .orElseGet(CustomerServiceWindow::none);
        Optional<Ticket> openTicket = profile.openTicketId()
                .flatMap(id -> ticketAt(ContactItems.ticketKey(contact, id)))
                .filter(Ticket::isOpen);
        return Optional.of(new ContactView(profile, window, openTicket));
    }

    @Override
    public Optional<Ticket> findTicket(TicketId id) {
        QueryResponse found = dynamo.query(request -> request
                .tableName(table)
                .indexName(TICKET_BY_ID_INDEX)
                .keyConditionExpression("ticketId = :id")
                .expressionAttributeValues(Map.of(":id", s(id.value()))));
        return found.items().stream()
                .findFirst()
                .flatMap(keys -> ticketAt(Map.of(PK, keys.get(PK), SK, keys.get(SK))));
    }

    private Optional<Ticket> ticketAt(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(table)
                .key(key)
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ticket(item));
    }

    private static Ticket ticket(Map<String, AttributeValue> item) {
        return new Ticket(
                new TicketId(Attributes.required(item, "ticketId")),
                new ProtocolNumber(Attributes.required(item, "protocol")),
                new ContactKey(Attributes.required(item, "phoneNumberId"), Attributes.required(item, "waId")),
                TicketStatus.valueOf(Attributes.required(item, "status")),
                Attributes.requiredInstant(item, "openedAt"),
                Attributes.requiredInstant(item, "lastInboundAt"));
    }

    private static ContactProfile profile(ContactKey contact, Map<String, AttributeValue> item) {
        return new ContactProfile(
                contact,
                Attributes.string(item, "name"),
                flag(item, "blocked"),
                flag(item, "broadcastOptOut"),
                Attributes.string(item, "openTicketId").map(TicketId::new));
    }

    /** Conditional writes whose refusal means "already newer": nothing to do. */
    private void updateUnlessStale(UpdateItemRequest request) {
        try {
            dynamo.updateItem(request);
        } catch (ConditionalCheckFailedException stale) {
            // the stored value is already at least as new
        }
    }
}
