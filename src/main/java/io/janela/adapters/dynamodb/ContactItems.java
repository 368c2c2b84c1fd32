package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.ticket.TicketId;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The contacts table's keys. One partition per contact ({@code C#<contact key>}) holds its profile,
 * window, tickets and messages, so everything about a conversation is one Query away. Each customer
 * id that names a contact has an item of its own ({@code ID#<phone_number_id>#P#<wa_id>} or
 * {@code ...#U#<bsuid>}) pointing at the key. Items that indexes return carry {@code phoneNumberId},
 * the business number of their contact.
 */
final class ContactItems {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String PROFILE = "PROFILE";
    static final String WINDOW = "WINDOW";
    static final String TICKET_PREFIX = "TICKET#";
    static final String INBOUND_PREFIX = "IN#";
    static final String OUTBOUND_PREFIX = "OUT#";
    static final String REPLY_RULE = "REPLY_RULE";

    static final String IDENTITY = "ID";
    static final String PHONE_NUMBER_ID = "phoneNumberId";
    /**
     * Open tickets carry {@code dueShard} and {@code dueAt} (the end of their window), which puts
     * them in the sparse DueTickets index; closing removes {@code dueShard}, which takes them out.
     * A few shards spread a busy desk's writes over several index partitions; the sweeper queries each.
     */
    static final int DUE_SHARDS = 4;
    static final String DUE_INDEX = "DueTickets";
    /**
     * Sparse index of scheduled closes: a ticket carries {@code closeShard} and {@code closeAt}
     * while a close is scheduled for it. Agents schedule closes by hand, so one key is plenty.
     */
    static final String SCHEDULED_INDEX = "ScheduledCloses";
    static final String SCHEDULED_SHARD = "SCHEDULED";
    /** Outbound messages waiting for their one retry (131049) share the index under their own key. */
    static final String RETRY_SHARD = "RETRY";
    /*
     * The desk's lists. Every ticket carries deskState (LIVE until closed, then CLOSED), which puts it in
     * DeskByActivity (sorted by lastInboundAt) and DeskByOpening (sorted by openedAt). While it is not
     * closed, a ticket with an agent also carries holder (the agent) and one with a department carries
     * queue (the department): AgentTickets and DepartmentTickets, both sorted by lastInboundAt. These
     * three project every attribute, so a page of rows is one Query. Closing sets deskState CLOSED and
     * removes holder, queue and waiting; the ticket keeps agent and department as who served it.
     */
    static final String DESK_ACTIVITY_INDEX = "DeskByActivity";
    static final String DESK_OPENING_INDEX = "DeskByOpening";
    static final String AGENT_INDEX = "AgentTickets";
    static final String DEPARTMENT_INDEX = "DepartmentTickets";
    static final String LIVE = "LIVE";
    static final String CLOSED = "CLOSED";
    /**
     * Sparse, keys only: a WAITING ticket carries waiting (its queue, {@link
     * io.janela.domain.ticket.Assignment#waitingQueue()}) and queuedAt (when it entered that queue), so an
     * agent coming online reads what waits for them oldest first, and nothing else.
     */
    static final String WAITING_INDEX = "WaitingTickets";
    /**
     * Sparse, every attribute: a contact's messages in time order. Only {@code IN#} and {@code OUT#}
     * items carry {@code msgAt}: {@code <epoch millis, 13 digits>#<their sort key>}, Meta's timestamp
     * for inbound and the time Janela accepted the send for outbound (Meta's {@code sent}, when it comes
     * before the send's record, sets its own time until the record replaces it). The sort key after the time keeps two
     * messages of the same millisecond apart.
     */
    static final String CONVERSATION_INDEX = "Conversation";
    static final String MSG_AT = "msgAt";
    /** Ticket notes sort under their ticket: {@code NOTE#<ticketId>#<epoch millis>-<random>}. */
    static final String NOTE_PREFIX = "NOTE#";

    /** The table's TTL attribute: cleanup only, never relied on for correctness. */
    static final String EXPIRES_AT = "expiresAt";

    private ContactItems() {
    }

    static AttributeValue partition(ContactKey contact) {
        return partition(contact.id());
    }

    static AttributeValue partition(String contactId) {
        return s("C#" + contactId);
    }

    /**
     * The contact whose partition holds an item, read from its key and its {@code phoneNumberId}
     * (every index that returns contact items projects it).
     */
    static ContactKey contactOf(Map<String, AttributeValue> item) {
        return new ContactKey(Attributes.required(item, PHONE_NUMBER_ID), item.get(PK).s().substring(2));
    }

    /** Where a customer id's link to its contact is kept. */
    static Map<String, AttributeValue> identityKey(String phoneNumberId, CustomerId id) {
        return Map.of(PK, s("ID#" + phoneNumberId + "#" + id.kind() + "#" + id.value()), SK, s(IDENTITY));
    }

    static Map<String, AttributeValue> key(ContactKey contact, String sortKey) {
        return Map.of(PK, partition(contact), SK, s(sortKey));
    }

    static Map<String, AttributeValue> profileKey(ContactKey contact) {
        return key(contact, PROFILE);
    }

    static Map<String, AttributeValue> windowKey(ContactKey contact) {
        return key(contact, WINDOW);
    }

    static Map<String, AttributeValue> ticketKey(ContactKey contact, TicketId ticket) {
        return key(contact, TICKET_PREFIX + ticket.value());
    }

    /** The id of the ticket an item (or an index entry, which always carries the keys) is. */
    static TicketId ticketIdOf(Map<String, AttributeValue> item) {
        return new TicketId(item.get(SK).s().substring(TICKET_PREFIX.length()));
    }

    /** A ticket's item, from its id alone: the id carries its contact's key. */
    static Map<String, AttributeValue> ticketKey(TicketId ticket) {
        return Map.of(PK, partition(ticket.contactId()), SK, s(TICKET_PREFIX + ticket.value()));
    }

    static Map<String, AttributeValue> inboundKey(ContactKey contact, String wamid) {
        return key(contact, INBOUND_PREFIX + wamid);
    }

    static Map<String, AttributeValue> replyRuleKey(ContactKey contact) {
        return key(contact, REPLY_RULE);
    }

    static Map<String, AttributeValue> outboundKey(ContactKey contact, String wamid) {
        return key(contact, OUTBOUND_PREFIX + wamid);
    }

    static AttributeValue msgAt(Instant at, String sortKey) {
        return s(millis(at) + "#" + sortKey);
    }

    /** The 13 digits of epoch milliseconds that begin a message's {@code msgAt}. */
    static String millis(Instant at) {
        return String.format("%013d", at.toEpochMilli());
    }

    static String dueShard(TicketId ticket) {
        return "DUE#" + Math.floorMod(ticket.value().hashCode(), DUE_SHARDS);
    }
}
