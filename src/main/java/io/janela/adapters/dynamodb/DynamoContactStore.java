package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.bool;
import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.flag;
import static io.janela.adapters.dynamodb.Attributes.n;
import static io.janela.adapters.dynamodb.Attributes.s;
import static io.janela.adapters.dynamodb.ContactItems.EXPIRES_AT;
import static io.janela.adapters.dynamodb.ContactItems.PK;
import static io.janela.adapters.dynamodb.ContactItems.SK;

import io.janela.application.contacts.ContactStore;
import io.janela.application.outbound.ReadReceiptStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.contact.MarketingPreference;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.message.MetaError;
import io.janela.domain.message.StatusUpdate;
import io.janela.domain.outbound.SendBackoff;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.routing.ReplyRule;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.ProtocolNumber;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.domain.window.CustomerServiceWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** {@link ContactStore} on one DynamoDB table, one partition per contact. */
@ApplicationScoped
public class DynamoContactStore implements ContactStore, ReadReceiptStore {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String directoryTable;
    private final PartitionReads reads;

    @Inject
    public DynamoContactStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().contacts(), config.tables().directory());
    }

    /** Tickets live in the contacts table; their protocol counter in the directory table. */
    public DynamoContactStore(DynamoDbClient dynamo, String table, String directoryTable) {
        this.dynamo = dynamo;
        this.table = table;
        this.directoryTable = directoryTable;
        this.reads = new PartitionReads(dynamo, table);
    }

    @Override
    public IntakeView intakeView(ContactKey contact, String wamid) {
        Map<String, Map<String, AttributeValue>> items = reads.consistently(List.of(ContactItems.profileKey(contact),
                ContactItems.inboundKey(contact, wamid), ContactItems.replyRuleKey(contact)));
        ContactProfile profile = Optional.ofNullable(items.get(ContactItems.PROFILE))
                .map(item -> profile(contact, item))
                .orElseGet(() -> ContactProfile.firstSeen(contact, ContactIdentity.NONE));
        return new IntakeView(profile, items.containsKey(ContactItems.INBOUND_PREFIX + wamid),
                Optional.ofNullable(items.get(ContactItems.REPLY_RULE)).map(DynamoContactStore::replyRule));
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
    public OpenOutcome openTicket(TicketId id, ContactKey contact, Instant firstInboundAt, String wamid,
            Optional<ProfileChange> profileChange, ProfileChange shown, Assignment assignment) {
        LocalDate day = ProtocolNumber.dayOf(firstInboundAt);
        Ticket ticket = Ticket.open(id, ProtocolNumber.of(day, nextProtocolSequence(day, id)), contact, firstInboundAt,
                assignment, shown.name(), shown.identity());
        try {
            dynamo.transactWriteItems(request -> request.transactItems(
                    createTicket(ticket, wamid),
                    pointProfileAt(ticket, profileChange)));
            return OpenOutcome.OPENED;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (failedCondition(reasons, 0)) {
                return OpenOutcome.ALREADY_OPENED;
            }
            if (failedCondition(reasons, 1) || conflicted(reasons)) {
                return OpenOutcome.CONTACT_HAS_OPEN_TICKET; // read the contact again: join, or open once more
            }
            throw cancelled;
        }
    }

    /**
     * Takes the day's next protocol number with one atomic counter: never the same number twice,
     * whatever the day or however many tickets open at once. The counter remembers which ticket took
     * the last number, so a redelivery after a failure takes that number again rather than a new one;
     * a number is left unused only when a delivery fails midway and other tickets open before Meta
     * delivers it again, or when a concurrent message opened the contact's ticket first.
     */
    private long nextProtocolSequence(LocalDate day, TicketId ticket) {
        Map<String, AttributeValue> key = Map.of(PK, s("PROTOCOL#" + day.format(DateTimeFormatter.BASIC_ISO_DATE)),
                SK, s("COUNTER"));
        try {
            Map<String, AttributeValue> counter = dynamo.updateItem(request -> request
                    .tableName(directoryTable)
                    .key(key)
                    .updateExpression("ADD #sequence :one SET lastTicket = :ticket")
                    .conditionExpression("attribute_not_exists(lastTicket) OR lastTicket <> :ticket")
                    .expressionAttributeNames(Map.of("#sequence", "sequence"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":ticket", s(ticket.value())))
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return Attributes.number(counter, "sequence").orElseThrow();
        } catch (ConditionalCheckFailedException ours) {
            // this ticket took the last number and its opening failed after: the number is still its own
            return Attributes.number(ours.item(), "sequence").orElseThrow();
        }
    }

    private TransactWriteItem createTicket(Ticket ticket, String wamid) {
        Map<String, AttributeValue> item = new HashMap<>(ContactItems.ticketKey(ticket.contact(), ticket.id()));
        item.putAll(ticketAttributes(ticket));
        item.put(TicketItems.LAST_INBOUND_WAMID, s(wamid));
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build();
    }

    private TransactWriteItem pointProfileAt(Ticket ticket, Optional<ProfileChange> change) {
        Expression update = new Expression().set("openTicketId", s(ticket.id().value()));
        change.ifPresent(profile -> profileAttributes(ticket.contact(), profile).forEach(update::set));
        return TransactWriteItem.builder().update(update.applyTo(Update.builder()
                .tableName(table)
                .key(ContactItems.profileKey(ticket.contact())), "attribute_not_exists(#openTicketId)").build()).build();
    }

    private static Map<String, AttributeValue> profileAttributes(ContactKey contact, ProfileChange change) {
        Map<String, AttributeValue> attributes = new HashMap<>(TicketItems.identityAttributes(change.identity()));
        attributes.put(ContactItems.PHONE_NUMBER_ID, s(contact.phoneNumberId()));
        change.name().ifPresent(name -> attributes.put("name", s(name)));
        return attributes;
    }

    private static boolean conflicted(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(reason -> "TransactionConflict".equals(reason.code()));
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
    }

    private static Map<String, AttributeValue> ticketAttributes(Ticket ticket) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("protocol", s(ticket.protocol().value()));
        item.put("status", s(ticket.status().name()));
        item.put(ContactItems.PHONE_NUMBER_ID, s(ticket.contact().phoneNumberId()));
        item.putAll(TicketItems.identityAttributes(ticket.contactIdentity()));
        item.put("openedAt", epoch(ticket.openedAt()));
        item.put("lastInboundAt", epoch(ticket.lastInboundAt()));
        ticket.contactName().ifPresent(name -> item.put("contactName", s(name)));
        item.put("search", s(TicketItems.searchText(ticket)));
        ticket.unansweredSince().ifPresent(since -> item.put("unansweredSince", epoch(since)));
        ticket.assignment().agent().ifPresent(agent -> item.put("agent", s(agent)));
        ticket.assignment().department().ifPresent(department -> item.put("department", s(department)));
        ticket.assignment().reservedFor().ifPresent(agent -> item.put("reservedFor", s(agent)));
        item.putAll(TicketItems.deskKeys(ticket, ticket.openedAt()));
        if (ticket.isOpen()) {
            item.put("dueShard", s(ContactItems.dueShard(ticket.id())));
            item.put("dueAt", epoch(ticket.window().closesAt().orElseThrow()));
        }
        return item;
    }

    @Override
    public JoinOutcome joinTicket(ContactKey contact, TicketId ticket, Instant inboundAt, String wamid) {
        Instant dueAt = CustomerServiceWindow.since(inboundAt).closesAt().orElseThrow();
        try {
            dynamo.updateItem(request -> request
                    .tableName(table)
                    .key(ContactItems.ticketKey(contact, ticket))
                    .updateExpression("SET lastInboundAt = :at, #wamid = :wamid, dueAt = :due,"
                            + " unansweredSince = if_not_exists(unansweredSince, :at)")
                    .conditionExpression("#status <> :closed AND lastInboundAt < :at")
                    .expressionAttributeNames(Map.of("#status", "status", "#wamid", TicketItems.LAST_INBOUND_WAMID))
                    .expressionAttributeValues(Map.of(
                            ":at", epoch(inboundAt),
                            ":wamid", s(wamid),
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
    public void rememberProfile(ContactKey contact, ProfileChange change) {
        Expression update = new Expression();
        profileAttributes(contact, change).forEach(update::set);
        dynamo.updateItem(update.applyTo(UpdateItemRequest.builder()
                .tableName(table)
                .key(ContactItems.profileKey(contact)), null).build());
    }

    @Override
    public void forgetId(ContactKey contact, CustomerId id) {
        String attribute = id instanceof CustomerId.WaId ? "waId" : "userId";
        updateUnlessStale(UpdateItemRequest.builder()
                .tableName(table)
                .key(ContactItems.profileKey(contact))
                .updateExpression("REMOVE #id")
                .conditionExpression("#id = :id")
                .expressionAttributeNames(Map.of("#id", attribute))
                .expressionAttributeValues(Map.of(":id", s(id.value())))
                .build());
    }

    @Override
    public void storeInbound(InboundMessage message, Placement placement, Instant receivedAt) {
        Map<String, AttributeValue> item = new HashMap<>(ContactItems.inboundKey(message.contact(), message.wamid()));
        item.put("wamid", s(message.wamid()));
        item.put("type", s(message.type()));
        item.put("sentAt", epoch(message.sentAt()));
        item.put("receivedAt", epoch(receivedAt));
        item.put("message", s(message.originalJson()));
        item.put(ContactItems.MSG_AT, ContactItems.msgAt(message.sentAt(), ContactItems.INBOUND_PREFIX + message.wamid()));
        placement.ticket().ifPresent(id -> item.put("ticket", s(id.value())));
        placement.flow().ifPresent(flow -> {
            // what the flow's event (the FlowHandoff pipe) names besides the message: whose it is
            item.put("flow", s(flow));
            item.put(ContactItems.PHONE_NUMBER_ID, s(message.contact().phoneNumberId()));
            item.put("contact", s(message.contact().id()));
        });
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
        Expression shared = sharedStatusDetails(update);
        Expression forward = new Expression()
                .set("status", s(update.status().metaName()))
                .set("statusRank", n(update.status().rank()))
                .set("statusAt", epoch(update.at()))
                .include(shared);
        if (!update.errors().isEmpty()) {
            forward.set("errors", AttributeValue.fromL(update.errors().stream().map(DynamoOutboundStore.MetaErrors::item).toList()));
        }
        try {
            dynamo.updateItem(forward.applyTo(UpdateItemRequest.builder()
                            .tableName(table)
                            .key(ContactItems.outboundKey(update.contact(), update.wamid())),
                    "attribute_not_exists(statusRank) OR statusRank < :statusRank").build());
        } catch (ConditionalCheckFailedException overtaken) {
            // A status that arrives after a later one still leaves its own time, never the status.
            String statusTime = update.status().metaName() + "At";
            updateUnlessStale(shared.applyTo(UpdateItemRequest.builder()
                            .tableName(table)
                            .key(ContactItems.outboundKey(update.contact(), update.wamid())),
                    "attribute_not_exists(#" + statusTime + ")").build());
        }
    }

    /** Details every status of one message shares: whichever status arrives first sets them. */
    private static Expression sharedStatusDetails(StatusUpdate update) {
        Expression shared = new Expression().setIfAbsent(update.status().metaName() + "At", epoch(update.at()));
        if (update.status() == DeliveryStatus.SENT) {
            // In the conversation at Meta's `sent` until the send's record, if Janela sent it, says when. Only
            // `sent` places it, so statuses in any order leave one state; a message Janela never recorded and
            // Meta never reported sent stays out of the conversation.
            shared.setIfAbsent(ContactItems.MSG_AT,
                    ContactItems.msgAt(update.at(), ContactItems.OUTBOUND_PREFIX + update.wamid()));
        }
        update.pricing().ifPresent(pricing -> {
            Optional.ofNullable(pricing.category()).ifPresent(value -> shared.setIfAbsent("pricingCategory", s(value)));
            Optional.ofNullable(pricing.type()).ifPresent(value -> shared.setIfAbsent("pricingType", s(value)));
            Optional.ofNullable(pricing.model()).ifPresent(value -> shared.setIfAbsent("pricingModel", s(value)));
            Optional.ofNullable(pricing.billable()).ifPresent(value -> shared.setIfAbsent("billable", bool(value)));
        });
        update.conversationId().ifPresent(id -> shared.setIfAbsent("conversationId", s(id)));
        update.callbackData().ifPresent(data -> shared.setIfAbsent("callbackData", s(data)));
        return shared;
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
    public Optional<ContactRecord> findContact(ContactKey contact) {
        Map<String, Map<String, AttributeValue>> items = reads.consistently(List.of(ContactItems.profileKey(contact),
                ContactItems.windowKey(contact), ContactItems.replyRuleKey(contact)));
        if (items.isEmpty()) {
            return Optional.empty();
        }
        ContactProfile profile = Optional.ofNullable(items.get(ContactItems.PROFILE))
                .map(item -> profile(contact, item))
                .orElseGet(() -> ContactProfile.firstSeen(contact, ContactIdentity.NONE));
        CustomerServiceWindow apart = Optional.ofNullable(items.get(ContactItems.WINDOW))
                .map(DynamoContactStore::window)
                .orElseGet(CustomerServiceWindow::none);
        Optional<Ticket> latestTicket = profile.openTicketId().flatMap(id -> ticketAt(ContactItems.ticketKey(contact, id)));
        return Optional.of(ContactRecord.of(profile, apart, latestTicket,
                Optional.ofNullable(items.get(ContactItems.REPLY_RULE)).map(DynamoContactStore::replyRule)));
    }

    @Override
    public Optional<Ticket> findTicket(TicketId id) {
        return ticketAt(ContactItems.ticketKey(id));
    }

    @Override
    public Optional<TicketInbound> ticketInbound(TicketId id) {
        return ticketItemAt(ContactItems.ticketKey(id)).map(item -> new TicketInbound(TicketItems.ticket(item),
                Attributes.string(item, TicketItems.LAST_INBOUND_WAMID)));
    }

    private Optional<Ticket> ticketAt(Map<String, AttributeValue> key) {
        return ticketItemAt(key).map(TicketItems::ticket);
    }

    private Optional<Map<String, AttributeValue>> ticketItemAt(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request
                .tableName(table)
                .key(key)
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static ContactProfile profile(ContactKey contact, Map<String, AttributeValue> item) {
        return new ContactProfile(
                contact,
                TicketItems.identity(item),
                Attributes.string(item, "name"),
                flag(item, "blocked"),
                flag(item, "broadcastOptOut"),
                flag(item, "undeliverable"),
                Attributes.instant(item, "sendBackoffUntil"),
                Attributes.string(item, "openTicketId").map(TicketId::new),
                Attributes.string(item, "defaultAgent"),
                Attributes.string(item, "lastAgent"));
    }

    private static CustomerServiceWindow window(Map<String, AttributeValue> item) {
        CustomerServiceWindow window = Attributes.instant(item, "lastInboundAt")
                .map(CustomerServiceWindow::since)
                .orElseGet(CustomerServiceWindow::none);
        return Attributes.instant(item, "closedByMetaAt").map(window::closedByMetaAt).orElse(window);
    }

    private static ReplyRule replyRule(Map<String, AttributeValue> item) {
        return new ReplyRule(
                ReplyRoute.of(Attributes.required(item, "routeKind"), Attributes.required(item, "routeTarget")),
                Attributes.requiredInstant(item, "sentAt"),
                Attributes.string(item, "sentBy").orElse(""));
    }

    @Override
    public void recordReplyRule(ContactKey contact, ReplyRule rule) {
        updateUnlessStale(new Expression()
                .set("routeKind", s(rule.route().kind()))
                .set("routeTarget", s(rule.route().target()))
                .set("sentAt", epoch(rule.sentAt()))
                .set("sentBy", s(rule.sentBy()))
                .set(EXPIRES_AT, epoch(rule.expiresAt()))
                .applyTo(UpdateItemRequest.builder().tableName(table).key(ContactItems.replyRuleKey(contact)),
                        "attribute_not_exists(#sentAt) OR #sentAt <= :sentAt")
                .build());
    }

    @Override
    public void recordLastAgent(ContactKey contact, String agent, Instant at) {
        updateUnlessStale(new Expression().set("lastAgent", s(agent)).set("lastAgentAt", epoch(at))
                .applyTo(UpdateItemRequest.builder().tableName(table).key(ContactItems.profileKey(contact)),
                        "attribute_not_exists(#lastAgentAt) OR #lastAgentAt <= :lastAgentAt")
                .build());
    }

    @Override
    public void markWindowClosedByMeta(ContactKey contact, Instant at) {
        updateUnlessStale(new Expression().set("closedByMetaAt", epoch(at))
                .applyTo(UpdateItemRequest.builder().tableName(table).key(ContactItems.windowKey(contact)),
                        "attribute_not_exists(#closedByMetaAt) OR #closedByMetaAt < :closedByMetaAt")
                .build());
    }

    @Override
    public void flagUndeliverable(ContactKey contact, Instant at) {
        updateUnlessStale(new Expression().set("undeliverable", bool(true)).set("undeliverableAt", epoch(at))
                .applyTo(UpdateItemRequest.builder().tableName(table).key(ContactItems.profileKey(contact)),
                        "attribute_not_exists(#undeliverableAt) OR #undeliverableAt < :undeliverableAt")
                .build());
    }

    @Override
    public void backOffSends(ContactKey contact, Instant limitHitAt) {
        Map<String, AttributeValue> profile = dynamo.getItem(request -> request
                .tableName(table).key(ContactItems.profileKey(contact)).consistentRead(true)).item();
        Optional<SendBackoff> previous = Optional.ofNullable(profile).flatMap(item -> Attributes.instant(item, "sendBackoffUntil")
                .map(until -> new SendBackoff(Attributes.number(item, "sendBackoffLevel").orElse(1L).intValue(), until)));
        SendBackoff next = SendBackoff.after(previous, limitHitAt);
        dynamo.updateItem(new Expression()
                .set("sendBackoffLevel", n(next.level()))
                .set("sendBackoffUntil", epoch(next.until()))
                .applyTo(UpdateItemRequest.builder().tableName(table).key(ContactItems.profileKey(contact)), null)
                .build());
    }

    @Override
    public boolean cannotHold(RuntimeException failure) {
        return StorageFailures.permanent(failure);
    }

    /** Conditional writes whose refusal means "already newer": nothing to do. */
    private void updateUnlessStale(UpdateItemRequest request) {
        ConditionalUpdate.applied(dynamo, request); // refused: the stored value is already at least as new
    }
}
