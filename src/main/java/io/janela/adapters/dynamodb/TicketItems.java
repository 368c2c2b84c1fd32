package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.ProtocolNumber;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.domain.window.WindowState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A ticket item read back: its assignment, its closing once closed, its scheduled close while one waits. */
final class TicketItems {

    /** The newest customer message on the ticket, the one a read receipt marks; moves with {@code lastInboundAt}. */
    static final String LAST_INBOUND_WAMID = "lastInboundWamid";

    private TicketItems() {
    }

    static Ticket ticket(Map<String, AttributeValue> item) {
        return new Ticket(
                ContactItems.ticketIdOf(item),
                new ProtocolNumber(Attributes.required(item, "protocol")),
                ContactItems.contactOf(item),
                TicketStatus.valueOf(Attributes.required(item, "status")),
                Attributes.requiredInstant(item, "openedAt"),
                Attributes.requiredInstant(item, "lastInboundAt"),
                new Assignment(Attributes.string(item, "agent"), Attributes.string(item, "department"),
                        Attributes.string(item, "reservedFor"), Attributes.flag(item, "byHand")),
                closing(item),
                scheduledClose(item),
                Attributes.string(item, "contactName"),
                item.containsKey("tags") ? new TreeSet<>(item.get("tags").ss()) : Set.of(),
                Attributes.instant(item, "unansweredSince"),
                identity(item));
    }

    /** The customer's ids as stored on a profile or a ticket: {@code waId}, {@code userId}, {@code parentUserId}, {@code username}. */
    static ContactIdentity identity(Map<String, AttributeValue> item) {
        return new ContactIdentity(
                Attributes.string(item, "waId").map(CustomerId.WaId::new),
                Attributes.string(item, "userId").map(CustomerId.Bsuid::new),
                Attributes.string(item, "parentUserId"),
                Attributes.string(item, "username"));
    }

    /** {@code identity} as attributes; those it does not know are left out. */
    static Map<String, AttributeValue> identityAttributes(ContactIdentity identity) {
        Map<String, AttributeValue> item = new HashMap<>();
        identity.waId().ifPresent(id -> item.put("waId", s(id.value())));
        identity.userId().ifPresent(id -> item.put("userId", s(id.value())));
        identity.parentUserId().ifPresent(id -> item.put("parentUserId", s(id)));
        identity.username().ifPresent(name -> item.put("username", s(name)));
        return item;
    }

    /**
     * The desk's index keys for a ticket in this state (see {@link ContactItems#DESK_ACTIVITY_INDEX}):
     * deskState always; holder, queue, waiting and queuedAt only while they apply. Writers that change a
     * ticket's state REMOVE the keys this leaves out.
     */
    static Map<String, AttributeValue> deskKeys(Ticket ticket, Instant queuedAt) {
        Map<String, AttributeValue> keys = new HashMap<>();
        keys.put("deskState", s(ticket.isOpen() ? ContactItems.LIVE : ContactItems.CLOSED));
        if (ticket.isOpen()) {
            ticket.assignment().agent().ifPresent(agent -> keys.put("holder", s(agent)));
            ticket.assignment().department().ifPresent(department -> keys.put("queue", s(department)));
        }
        if (ticket.status() == TicketStatus.WAITING) {
            keys.put("waiting", s(ticket.assignment().waitingQueue()));
            keys.put("queuedAt", Attributes.epoch(queuedAt));
        }
        return keys;
    }

    /** Every index key {@link #deskKeys} may give. */
    private static final List<String> DESK_KEYS = List.of("deskState", "holder", "queue", "waiting", "queuedAt");

    /** The desk's index keys for the ticket in this state, each set, or removed when the state has none. */
    static Expression deskKeysWritten(Ticket ticket, Instant queuedAt) {
        Map<String, AttributeValue> keys = deskKeys(ticket, queuedAt);
        Expression write = new Expression();
        DESK_KEYS.forEach(key -> write.setOrRemove(key, Optional.ofNullable(keys.get(key))));
        return write;
    }

    /** Who holds the ticket, as stored: each part of the assignment set, or removed when it has none. */
    static Expression assignmentWritten(Assignment assignment) {
        return new Expression()
                .setOrRemove("agent", assignment.agent().map(Attributes::s))
                .setOrRemove("department", assignment.department().map(Attributes::s))
                .setOrRemove("reservedFor", assignment.reservedFor().map(Attributes::s))
                .setOrRemove("byHand", assignment.byHand() ? Optional.of(Attributes.bool(true)) : Optional.empty());
    }

    /**
     * What {@code q} matches: the contact's name, phone, username and the protocol, lower-cased, one
     * string. The username is written after an {@code @}, as people show it, so "@ana.souza" finds it too.
     */
    static String searchText(Ticket ticket) {
        ContactIdentity who = ticket.contactIdentity();
        return String.join(" ", ticket.contactName().orElse(""), who.waId().map(CustomerId::value).orElse(""),
                        who.username().map(username -> "@" + username).orElse(""), ticket.protocol().value())
                .replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<Closing> closing(Map<String, AttributeValue> item) {
        return Attributes.string(item, "closeReason").map(reason -> new Closing(
                CloseReason.valueOf(reason),
                Attributes.requiredInstant(item, "closedAt"),
                Attributes.required(item, "closedBy"),
                WindowState.valueOf(Attributes.required(item, "closedWindowState")),
                message(item, "closingMessage")));
    }

    /** A message outcome stored as {@code <prefix>} and {@code <prefix>Detail}. */
    private static ClosingMessage message(Map<String, AttributeValue> item, String prefix) {
        return Attributes.string(item, prefix)
                .map(outcome -> new ClosingMessage(ClosingMessage.Outcome.valueOf(outcome),
                        Attributes.string(item, prefix + "Detail")))
                .orElse(ClosingMessage.NONE);
    }

    private static Optional<ScheduledClose> scheduledClose(Map<String, AttributeValue> item) {
        if (!item.containsKey("closeShard")) {
            return Optional.empty();
        }
        return Optional.of(new ScheduledClose(
                Attributes.requiredInstant(item, "closeAt"),
                Attributes.flag(item, "closeCancelOnReply"),
                Attributes.string(item, "closeMessage"),
                Attributes.required(item, "closeRequestedBy"),
                Attributes.requiredInstant(item, "closeRequestedAt")));
    }
}
