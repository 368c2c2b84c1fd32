package io.janela.adapters.dynamodb;

import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.contacts.ContactStore.Placement;
import io.janela.application.desk.ConversationStore.Order;
import io.janela.application.desk.ConversationStore.Page;
import io.janela.application.desk.ConversationStore.Paging;
import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.OutboundStore.OutboundRecord;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.ConversationMessage;
import io.janela.domain.message.ConversationRange;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.message.MessageAuthor;
import io.janela.domain.message.MessageId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.ticket.TicketId;
import io.janela.support.CapacityMeter;
import io.janela.support.IngestHarness;
import io.janela.support.MutableClock;
import io.janela.support.TestContacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Conversation index on DynamoDB Local: pages both ways, cursors, a ticket's stretch, ids old and new. */
class DynamoConversationStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String WA_ID = "5511977770001";

    private final CapacityMeter meter = new CapacityMeter();
    private IngestHarness desk;
    private DynamoConversationStore conversations;
    private ContactKey contact;
    private TicketId ticket;

    @BeforeEach
    void aConversation() {
        desk = new IngestHarness(new MutableClock(NOW), meter);
        conversations = new DynamoConversationStore(desk.dynamo, desk.tables.contacts());
        for (int i = 0; i < 5; i++) {
            desk.deliver(notification().text(WA_ID, "Ana", "wamid.IN" + i, NOW.minusSeconds(3600 - i), "mensagem " + i));
        }
        contact = TestContacts.key(WA_ID);
        ticket = desk.contacts.findContact(contact).orElseThrow().openTicket().orElseThrow().id();
    }

    @AfterEach
    void close() {
        desk.close();
    }

    private String sendText(String wamid, Instant at, String sentBy) {
        OutboundRecord record = OutboundRecord.of(new MessageSender.Accepted(wamid), contact,
                new OutboundContent.Text("resposta"), Optional.empty(), false, sentBy, Optional.empty(), at, Optional.empty());
        desk.outbound.recordOutbound(record);
        return record.messageId();
    }

    private static Paging paging(Order order, int limit, Optional<String> cursor) {
        return new Paging(order, limit, cursor);
    }

    /** Every page, following the cursors; each request one Query of the Conversation index. */
    private List<String> allIds(ConversationRange range, Optional<TicketId> of, Order order, int limit) {
        List<String> ids = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            meter.reset();
            Page page = conversations.messages(contact.id(), range, of, paging(order, limit, cursor));
            assertEquals(List.of("Query Conversation"), meter.operations());
            assertTrue(page.messages().size() <= limit);
            page.messages().forEach(message -> ids.add(message.id()));
            cursor = page.cursor();
            assertTrue(++pages < 100, "the pages end");
        } while (cursor.isPresent());
        return ids;
    }

    @Test
    void pagesBothWaysHoldEveryMessageOnceInTimeOrder() {
        String first = sendText("wamid.OUT1", NOW.minusSeconds(3000), "bia@desk.example");
        String second = sendText("wamid.OUT2", NOW.minusSeconds(3000).plusMillis(1), "janela");

        List<String> oldest = allIds(ConversationRange.ALL, Optional.empty(), Order.OLDEST, 2);
        assertEquals(List.of("wamid.IN0", "wamid.IN1", "wamid.IN2", "wamid.IN3", "wamid.IN4", first, second), oldest);
        List<String> newest = new ArrayList<>(allIds(ConversationRange.ALL, Optional.empty(), Order.NEWEST, 3));
        Collections.reverse(newest);
        assertEquals(oldest, newest);
        assertEquals(oldest, allIds(ConversationRange.ALL, Optional.empty(), Order.OLDEST, 100));

        List<ConversationMessage> both = conversations.messages(contact.id(), ConversationRange.ALL, Optional.empty(),
                paging(Order.NEWEST, 2, Optional.empty())).messages();
        assertEquals(new MessageAuthor.Sweeper(), both.get(0).from(), "Janela's own text: " + both.get(0));
        assertEquals(new MessageAuthor.Agent("bia@desk.example"), both.get(1).from());
        assertEquals(NOW.minusSeconds(3000), both.get(1).at(), "to the millisecond Janela accepted it");
    }

    @Test
    void aCursorGoesOnOnlyInTheListAndOrderThatGaveIt() {
        Page first = conversations.messages(contact.id(), ConversationRange.ALL, Optional.empty(),
                paging(Order.NEWEST, 2, Optional.empty()));
        String cursor = first.cursor().orElseThrow();
        Page next = conversations.messages(contact.id(), ConversationRange.ALL, Optional.empty(),
                paging(Order.NEWEST, 2, Optional.of(cursor)));
        assertEquals(List.of("wamid.IN2", "wamid.IN1"), next.messages().stream().map(ConversationMessage::id).toList());

        assertThrows(IllegalArgumentException.class, () -> conversations.messages(contact.id(), ConversationRange.ALL,
                Optional.empty(), paging(Order.OLDEST, 2, Optional.of(cursor))));
        assertThrows(IllegalArgumentException.class, () -> conversations.messages(contact.id(), ConversationRange.ALL,
                Optional.of(ticket), paging(Order.NEWEST, 2, Optional.of(cursor))));
        assertThrows(IllegalArgumentException.class, () -> conversations.messages(contact.id(), ConversationRange.ALL,
                Optional.empty(), paging(Order.NEWEST, 2, Optional.of(cursor.substring(0, 8)))));
        assertThrows(IllegalArgumentException.class, () -> conversations.messages(contact.id(), ConversationRange.ALL,
                Optional.empty(), paging(Order.NEWEST, 2, Optional.of("bm90IG91cnM"))));
        ConversationRange before = new ConversationRange(Instant.EPOCH, NOW.minusSeconds(7200));
        String elsewhere = conversations.messages(contact.id(), ConversationRange.ALL, Optional.of(ticket),
                paging(Order.NEWEST, 1, Optional.empty())).cursor().orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> conversations.messages(contact.id(), before,
                Optional.of(ticket), paging(Order.NEWEST, 1, Optional.of(elsewhere))), "a cursor outside the range");
    }

    @Test
    void aTicketsStretchLeavesOutFlowsAndWhatCameBeforeOrAfter() {
        Instant opened = NOW.minusSeconds(3600);
        desk.contacts.storeInbound(new InboundMessage(contact, "wamid.FLOW", "text", opened.plusSeconds(1),
                "{\"type\":\"text\",\"text\":{\"body\":\"menu\"}}"), Placement.toFlow("bot"), NOW);
        desk.contacts.storeInbound(new InboundMessage(contact, "wamid.EARLIER", "text", opened.minusSeconds(1),
                "{\"type\":\"text\",\"text\":{\"body\":\"antes\"}}"), Placement.STORED_ONLY, NOW);
        String reply = sendText("wamid.REPLY", opened.plusSeconds(2), "bia@desk.example");
        String after = sendText("wamid.AFTER", opened.plusSeconds(11), "bia@desk.example");

        ConversationRange stretch = ConversationRange.ofTicket(opened, Optional.of(opened.plusSeconds(10)), Optional.empty());
        // the same millisecond: the sort key after the time puts IN# before OUT#
        assertEquals(List.of("wamid.IN0", "wamid.IN1", "wamid.IN2", reply, "wamid.IN3", "wamid.IN4"),
                allIds(stretch, Optional.of(ticket), Order.OLDEST, 2));
        List<String> history = allIds(ConversationRange.ALL, Optional.empty(), Order.OLDEST, 50);
        assertEquals(List.of("wamid.EARLIER", "wamid.IN0", "wamid.FLOW", "wamid.IN1", "wamid.IN2", reply, "wamid.IN3",
                "wamid.IN4", after), history);
        assertEquals(Optional.of(opened.plusSeconds(11)), conversations.acceptedAt(contact, "wamid.AFTER"));
        assertEquals(Optional.empty(), conversations.acceptedAt(contact, "wamid.NEVER"));
    }

    @Test
    void anIdOfTheNewFormIsReadBackByOneQueryAndTheOldFormNamesNothing() {
        String id = sendText("wamid.ONE", NOW.minusSeconds(60).plusMillis(123), "bia@desk.example");
        MessageId parsed = MessageId.parse(id).orElseThrow();
        assertEquals(contact.id(), parsed.contactId());
        assertEquals(NOW.minusSeconds(60).plusMillis(123), parsed.acceptedAt());

        meter.reset();
        ConversationMessage message = conversations.outbound(parsed).orElseThrow();
        assertEquals(List.of("Query Conversation"), meter.operations());
        assertEquals(id, message.id());
        assertEquals(Optional.of("wamid.ONE"), message.wamid());
        assertEquals(DeliveryStatus.ACCEPTED, message.delivery().orElseThrow().status());

        String sameMillisecond = id.substring(0, id.length() - 16) + "0".repeat(16);
        assertEquals(Optional.empty(), conversations.outbound(new MessageId(sameMillisecond)));
        assertEquals(Optional.empty(), MessageId.parse("m" + "0123456789abcdef".repeat(2)), "the older form: m and a UUID");
    }

    @Test
    void aStatusBeforeTheSendsRecordPlacesTheMessageUntilTheRecordSaysWhen() {
        desk.deliver(notification().status(WA_ID, "wamid.EARLY", "delivered", NOW.minusSeconds(9)));
        assertEquals(5, conversations.messages(contact.id(), ConversationRange.ALL, Optional.empty(),
                paging(Order.NEWEST, 100, Optional.empty())).messages().size(), "only Meta's sent places a message");
        desk.deliver(notification().status(WA_ID, "wamid.EARLY", "sent", NOW.minusSeconds(10)));
        Page early = conversations.messages(contact.id(), ConversationRange.ALL, Optional.empty(),
                paging(Order.NEWEST, 1, Optional.empty()));
        ConversationMessage told = early.messages().get(0);
        assertEquals("wamid.EARLY", told.id(), "named by its wamid: Janela has no record of it yet");
        assertEquals(new MessageAuthor.Unknown(), told.from());
        assertEquals(NOW.minusSeconds(10), told.at());

        String id = sendText("wamid.EARLY", NOW.minusSeconds(12), "bia@desk.example");
        List<ConversationMessage> all = conversations.messages(contact.id(), ConversationRange.ALL, Optional.empty(),
                paging(Order.NEWEST, 100, Optional.empty())).messages();
        assertEquals(6, all.size(), "one entry in the index, moved: " + all);
        ConversationMessage recorded = all.get(0);
        assertEquals(id, recorded.id());
        assertEquals(NOW.minusSeconds(12), recorded.at());
        assertEquals(DeliveryStatus.DELIVERED, recorded.delivery().orElseThrow().status(), "the status stays");
        assertFalse(new HashSet<>(all.stream().map(ConversationMessage::id).toList()).contains("wamid.EARLY"));
        Map<String, AttributeValue> item = desk.contactItem(contact, "OUT#wamid.EARLY");
        assertTrue(item.get("msgAt").s().startsWith(String.format("%013d#OUT#", NOW.minusSeconds(12).toEpochMilli())));
    }
}
