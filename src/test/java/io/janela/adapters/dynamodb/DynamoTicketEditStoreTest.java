package io.janela.adapters.dynamodb;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.support.TestContacts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.contacts.ContactStore;
import io.janela.application.desk.TicketEditStore;
import io.janela.application.desk.TicketEditStore.Applied;
import io.janela.application.outbound.ReplyStore.ReplyOutcome;
import io.janela.application.desk.TicketEditStore.StoredNote;
import io.janela.domain.ticket.CloseCondition;
import io.janela.domain.ticket.CloseOutcome;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.desk.Note;
import io.janela.domain.desk.Tags;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.domain.window.WindowState;
import io.janela.support.IngestHarness;
import io.janela.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The desk's ticket writes on DynamoDB Local: the index keys each leaves exactly as the storage
 * contract says, and the conditions that keep a concurrent edit, close or customer message.
 */
class DynamoTicketEditStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";
    private static final String LEAD = "lead@desk.example";
    private static final Set<String> DESK_KEYS = Set.of("deskState", "holder", "queue", "waiting", "queuedAt");

    private final MutableClock clock = new MutableClock(T0);
    private IngestHarness desk;
    private DynamoTicketEditStore edits;
    private DynamoClosingStore closings;
    private int contacts;

    @BeforeEach
    void tables() {
        desk = new IngestHarness(clock);
        edits = new DynamoTicketEditStore(desk.dynamo, desk.tables.contacts());
        closings = new DynamoClosingStore(desk.dynamo, desk.tables.contacts(), 100);
    }

    @AfterEach
    void close() {
        desk.close();
    }

    /** A ticket opened the way the intake opens them, with the given assignment, at {@code at}. */
    private Ticket opened(Assignment assignment, Instant at) {
        ContactKey contact = TestContacts.key("55119000000" + String.format("%02d", ++contacts));
        TicketId id = TicketId.openedBy(contact, "wamid." + contacts);
        ContactStore.ProfileChange ana = new ContactStore.ProfileChange(ContactIdentity.NONE, Optional.of("Ana"));
        desk.contacts.openTicket(id, contact, at, "wamid." + contacts, Optional.of(ana), ana, assignment);
        return read(id);
    }

    private Ticket read(TicketId id) {
        return desk.contacts.findTicket(id).orElseThrow();
    }

    private Map<String, AttributeValue> item(Ticket ticket) {
        return desk.dynamo.getItem(request -> request.tableName(desk.tables.contacts()).consistentRead(true)
                .key(ContactItems.ticketKey(ticket.contact(), ticket.id()))).item();
    }

    /** The desk's index keys the item carries: exactly those {@link TicketItems#deskKeys} gives for its state. */
    private void assertDeskKeys(Ticket ticket, Instant queuedAt) {
        Map<String, AttributeValue> item = item(ticket);
        Map<String, AttributeValue> carried = new HashMap<>(item);
        carried.keySet().retainAll(DESK_KEYS);
        assertEquals(TicketItems.deskKeys(TicketItems.ticket(item), queuedAt), carried, item.toString());
    }

    @Test
    void assigningAnAgentByHandRemovesTheDepartmentAndEveryQueueKey() {
        Ticket waiting = opened(new Assignment(Optional.empty(), Optional.of("billing"), Optional.of(CAIO)), T0);
        assertEquals("R#" + CAIO, item(waiting).get("waiting").s());
        Instant at = T0.plusSeconds(120);

        Ticket assigned = assertInstanceOf(Applied.class, edits.assignToAgent(waiting, BIA, LEAD, at)).ticket();

        assertEquals(TicketStatus.OPEN, assigned.status());
        assertEquals(new Assignment(Optional.of(BIA), Optional.empty(), Optional.empty(), true), assigned.assignment());
        assertEquals(assigned, read(waiting.id()), "the answer is the ticket as stored");
        Map<String, AttributeValue> item = item(waiting);
        assertEquals(BIA, item.get("holder").s());
        assertEquals(LEAD, item.get("assignedBy").s());
        assertEquals(Long.toString(at.getEpochSecond()), item.get("assignedAt").n());
        assertEquals("BY_HAND", item.get("assignReason").s());
        for (String gone : List.of("department", "queue", "reservedFor", "waiting", "queuedAt")) {
            assertFalse(item.containsKey(gone), gone + " is gone: " + item);
        }
        assertDeskKeys(assigned, at);
        assertEquals(waiting.unansweredSince(), assigned.unansweredSince(), "an assignment answers nobody");
    }

    @Test
    void assigningADepartmentByHandQueuesTheTicketThereWithoutAnAgent() {
        Ticket held = opened(new Assignment(Optional.of(BIA), Optional.of("billing"), Optional.empty()), T0);
        Instant at = T0.plusSeconds(300);

        Ticket moved = assertInstanceOf(Applied.class, edits.assignToDepartment(held, "support", LEAD, at)).ticket();

        assertEquals(TicketStatus.WAITING, moved.status());
        assertEquals(new Assignment(Optional.empty(), Optional.of("support"), Optional.empty(), true), moved.assignment());
        Map<String, AttributeValue> item = item(held);
        assertEquals("support", item.get("queue").s());
        assertEquals("D#support", item.get("waiting").s());
        assertEquals(Long.toString(at.getEpochSecond()), item.get("queuedAt").n(), "it entered this queue now");
        assertFalse(item.containsKey("holder"), item.toString());
        assertFalse(item.containsKey("agent"), item.toString());
        assertEquals(LEAD, item.get("assignedBy").s());
        assertDeskKeys(moved, at);
    }

    @Test
    void aClosedOrMissingTicketIsNeitherAssignedNorCreated() {
        Ticket ticket = opened(Assignment.NONE, T0);
        assertEquals(CloseOutcome.CLOSED, closings.close(ticket.contact(), ticket.id(),
                new Closing(CloseReason.AGENT, T0.plusSeconds(60), BIA, WindowState.OPEN, ClosingMessage.NONE),
                new CloseCondition.WhileOpen()));
        List<String> before = desk.contactsState();

        assertInstanceOf(TicketEditStore.TicketClosed.class, edits.assignToAgent(ticket, BIA, LEAD, T0.plusSeconds(90)));
        assertInstanceOf(TicketEditStore.TicketClosed.class, edits.assignToDepartment(ticket, "billing", LEAD, T0.plusSeconds(90)));
        Ticket missing = new Ticket(TicketId.openedBy(ticket.contact(), "wamid.never"), ticket.protocol(), ticket.contact(),
                TicketStatus.WAITING, T0, T0, Assignment.NONE, Optional.empty(), Optional.empty());
        assertInstanceOf(TicketEditStore.TicketGone.class, edits.assignToAgent(missing, BIA, LEAD, T0.plusSeconds(90)));
        assertInstanceOf(TicketEditStore.TicketGone.class, edits.retag(missing, Set.of("vip"), Set.of(), LEAD, T0));

        assertEquals(before, desk.contactsState());
    }

    @Test
    void tagsAreAddedAndRemovedInOneWriteAndRecordWhoDidIt() {
        Ticket ticket = opened(Assignment.NONE, T0);

        Ticket tagged = assertInstanceOf(Applied.class, edits.retag(ticket, Set.of("vip", "refund"), Set.of(), BIA,
                T0.plusSeconds(10))).ticket();
        Ticket retagged = assertInstanceOf(Applied.class, edits.retag(tagged, Set.of("urgent"), Set.of("refund"), CAIO,
                T0.plusSeconds(20))).ticket();

        assertEquals(Set.of("urgent", "vip"), retagged.tags());
        assertEquals(CAIO, item(ticket).get("tagsUpdatedBy").s());
        assertEquals(Long.toString(T0.plusSeconds(20).getEpochSecond()), item(ticket).get("tagsUpdatedAt").n());

        Ticket untagged = assertInstanceOf(Applied.class, edits.retag(retagged, Set.of(), Set.of("urgent", "vip", "absent"),
                BIA, T0.plusSeconds(30))).ticket();
        assertEquals(Set.of(), untagged.tags());
        assertFalse(item(ticket).containsKey("tags"), "an empty set is no attribute: " + item(ticket));
    }

    private static Set<String> tags(int count) {
        return IntStream.range(0, count).mapToObj(i -> "tag" + i).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theTagLimitIsExactTagsAlreadyThereDoNotCount() {
        Ticket ticket = opened(Assignment.NONE, T0);
        Ticket nineteen = ((Applied) edits.retag(ticket, tags(Tags.MAX_PER_TICKET - 1), Set.of(), BIA, T0)).ticket();
        List<String> before = desk.contactsState();

        assertEquals(new TicketEditStore.TooManyTags(Tags.MAX_PER_TICKET + 1),
                edits.retag(nineteen, Set.of("new1", "new2"), Set.of(), BIA, T0.plusSeconds(1)));
        assertEquals(before, desk.contactsState());

        Ticket twenty = assertInstanceOf(Applied.class, edits.retag(nineteen, Set.of("new1", "tag0", "tag1"), Set.of(), BIA,
                T0.plusSeconds(2))).ticket();
        assertEquals(Tags.MAX_PER_TICKET, twenty.tags().size());
        assertInstanceOf(Applied.class, edits.retag(twenty, Set.of("new2"), Set.of("tag5"), BIA, T0.plusSeconds(3)));
        assertEquals(Tags.MAX_PER_TICKET, read(ticket.id()).tags().size());
    }

    @Test
    void aConcurrentTagEditIsMergedAndStillCountsTowardsTheLimit() {
        Ticket ticket = opened(Assignment.NONE, T0);
        Ticket stale = ((Applied) edits.retag(ticket, Set.of("vip"), Set.of(), BIA, T0)).ticket();
        edits.retag(read(ticket.id()), Set.of("refund"), Set.of(), CAIO, T0.plusSeconds(1));

        assertInstanceOf(Applied.class, edits.retag(stale, Set.of("urgent"), Set.of("vip"), BIA, T0.plusSeconds(2)));

        assertEquals(Set.of("refund", "urgent"), read(ticket.id()).tags(), "Caio's tag is kept");

        Ticket staleAgain = read(ticket.id());
        edits.retag(read(ticket.id()), tags(Tags.MAX_PER_TICKET - 3), Set.of(), CAIO, T0.plusSeconds(3));
        assertEquals(Tags.MAX_PER_TICKET - 1, read(ticket.id()).tags().size());
        List<String> before = desk.contactsState();

        assertEquals(new TicketEditStore.TooManyTags(Tags.MAX_PER_TICKET + 1),
                edits.retag(staleAgain, Set.of("late1", "late2"), Set.of(), BIA, T0.plusSeconds(4)),
                "read with 2 tags, the ticket has 19 when the write lands");
        assertEquals(before, desk.contactsState());
    }

    @Test
    void aClosedTicketIsStillTagged() {
        Ticket ticket = opened(Assignment.NONE, T0);
        closings.close(ticket.contact(), ticket.id(), new Closing(CloseReason.AGENT, T0.plusSeconds(5), BIA,
                WindowState.OPEN, ClosingMessage.NONE), new CloseCondition.WhileOpen());

        Ticket tagged = assertInstanceOf(Applied.class, edits.retag(read(ticket.id()), Set.of("resolved"), Set.of(), BIA,
                T0.plusSeconds(10))).ticket();

        assertEquals(TicketStatus.CLOSED, tagged.status());
        assertEquals(Set.of("resolved"), tagged.tags());
        assertDeskKeys(tagged, T0);
    }

    @Test
    void notesSortUnderTheirTicketAndStayOutOfTheDesksLists() {
        Ticket first = opened(Assignment.NONE, T0);
        Ticket other = new Ticket(TicketId.openedBy(first.contact(), "wamid.later"), first.protocol(), first.contact(),
                TicketStatus.WAITING, T0, T0, Assignment.NONE, Optional.empty(), Optional.empty());
        Map<String, AttributeValue> ticketBefore = item(first);
        StoredNote one = edits.addNote(first.contact(), first.id(), new Note(T0.plusMillis(1500), BIA, "Cliente VIP"));
        edits.addNote(first.contact(), other.id(), new Note(T0.plusMillis(1700), BIA, "outro ticket"));
        StoredNote two = edits.addNote(first.contact(), first.id(), new Note(T0.plusMillis(2100), CAIO, "Ligar amanhã"));
        StoredNote three = edits.addNote(first.contact(), first.id(), new Note(T0.plusMillis(2100), BIA, "no mesmo instante"));

        List<StoredNote> notes = edits.notes(first.contact(), first.id());

        assertEquals(3, notes.size(), notes.toString());
        assertEquals(one, notes.get(0));
        assertEquals(Set.of(two, three), Set.copyOf(notes.subList(1, 3)), "two notes in one millisecond are both kept");
        assertEquals(T0.plusMillis(1500), notes.get(0).note().at());
        assertEquals(List.of(), edits.notes(first.contact(), TicketId.openedBy(first.contact(), "wamid.never")));
        List<String> listed = desk.dynamo.query(request -> request.tableName(desk.tables.contacts())
                        .indexName("DeskByActivity").keyConditionExpression("deskState = :live")
                        .expressionAttributeValues(Map.of(":live", AttributeValue.fromS("LIVE"))))
                .items().stream().map(item -> item.get("sk").s()).toList();
        assertEquals(List.of("TICKET#" + first.id().value()), listed, "the desk lists the ticket, never its notes");
        List<Map<String, AttributeValue>> noteItems = desk.dynamo.query(request -> request.tableName(desk.tables.contacts())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :note)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("C#" + first.contact().id()),
                        ":note", AttributeValue.fromS("NOTE#")))).items();
        assertEquals(4, noteItems.size());
        Set<String> indexKeys = Set.of("dueShard", "closeShard", "deskState", "holder", "queue", "waiting");
        assertTrue(noteItems.stream().noneMatch(note -> note.keySet().stream().anyMatch(indexKeys::contains)),
                "a note is in no index: " + noteItems);
        assertEquals(ticketBefore, item(first), "a note does not touch the ticket");
    }

    @Test
    void aReplyOnATicketNobodyHoldsTakesItOverAndKeepsTheDepartment() {
        Ticket queued = opened(new Assignment(Optional.empty(), Optional.of("billing"), Optional.empty()), T0);
        Instant at = T0.plusSeconds(200);

        assertEquals(ReplyOutcome.TOOK_OVER, edits.replied(queued, BIA, at));

        Ticket taken = read(queued.id());
        assertEquals(TicketStatus.OPEN, taken.status());
        assertEquals(new Assignment(Optional.of(BIA), Optional.of("billing"), Optional.empty(), false), taken.assignment());
        assertEquals(Optional.empty(), taken.unansweredSince());
        Map<String, AttributeValue> item = item(queued);
        assertEquals("REPLIED", item.get("assignReason").s());
        assertEquals(BIA, item.get("assignedBy").s());
        assertDeskKeys(taken, at);
    }

    @Test
    void aReplyOnAnotherAgentsTicketMarksItAnsweredAndLeavesItTheirs() {
        Ticket held = opened(new Assignment(Optional.of(CAIO), Optional.empty(), Optional.empty()), T0);

        assertEquals(ReplyOutcome.ANSWERED, edits.replied(held, BIA, T0.plusSeconds(60)));

        Ticket after = read(held.id());
        assertEquals(held.assignment(), after.assignment());
        assertEquals(Optional.empty(), after.unansweredSince());
        assertDeskKeys(after, T0);
    }

    @Test
    void aTicketKeptForAnotherAgentIsNotTakenButOneKeptForTheReplierIs() {
        Ticket forCaio = opened(new Assignment(Optional.empty(), Optional.empty(), Optional.of(CAIO)), T0);
        Ticket forBia = opened(new Assignment(Optional.empty(), Optional.empty(), Optional.of(BIA)), T0);

        assertEquals(ReplyOutcome.ANSWERED, edits.replied(forCaio, BIA, T0.plusSeconds(60)));
        assertEquals(ReplyOutcome.TOOK_OVER, edits.replied(forBia, BIA, T0.plusSeconds(60)));

        assertEquals(forCaio.assignment(), read(forCaio.id()).assignment());
        assertEquals("R#" + CAIO, item(forCaio).get("waiting").s(), "still waiting for Caio alone");
        assertEquals(new Assignment(Optional.of(BIA), Optional.empty(), Optional.empty(), false), read(forBia.id()).assignment());
        assertDeskKeys(read(forBia.id()), T0);
    }

    @Test
    void whenAnotherAgentTookTheTicketSinceItWasReadTheReplyOnlyMarksItAnswered() {
        Ticket stale = opened(Assignment.NONE, T0);
        edits.assignToAgent(stale, CAIO, LEAD, T0.plusSeconds(30));

        assertEquals(ReplyOutcome.ANSWERED, edits.replied(stale, BIA, T0.plusSeconds(60)));

        Ticket after = read(stale.id());
        assertEquals(Optional.of(CAIO), after.agent());
        assertEquals(Optional.empty(), after.unansweredSince());
    }

    @Test
    void aCustomerMessageThatLandsAfterTheReplyIsNotAnsweredByIt() {
        Ticket read = opened(Assignment.NONE, T0);
        Instant reply = T0.plusSeconds(60);
        desk.contacts.joinTicket(read.contact(), read.id(), reply.plusSeconds(2), "wamid.after-the-reply");

        assertEquals(ReplyOutcome.TOOK_OVER, edits.replied(read, BIA, reply));

        Ticket after = read(read.id());
        assertEquals(Optional.of(BIA), after.agent());
        assertEquals(Optional.of(reply), after.unansweredSince(), "the new message waits for an answer, timed from the reply");
    }

    @Test
    void aReplyChangesNothingOnATicketClosedSinceItWasRead() {
        Ticket stale = opened(Assignment.NONE, T0);
        closings.close(stale.contact(), stale.id(), new Closing(CloseReason.WINDOW_GUARD, T0.plusSeconds(5), "janela",
                WindowState.OPEN, ClosingMessage.NONE), new CloseCondition.WhileOpen());
        List<String> before = desk.contactsState();

        assertEquals(ReplyOutcome.NOT_OPEN, edits.replied(stale, BIA, T0.plusSeconds(60)));

        assertEquals(before, desk.contactsState());
    }

    @Test
    void contactFlagsAreSetClearedAndSayWhoSetThem() {
        Ticket ticket = opened(Assignment.NONE, T0);
        ContactKey contact = ticket.contact();

        edits.setContactFlags(contact, new TicketEditStore.ContactFlags(Optional.of(true), Optional.of(true),
                Optional.of(new TicketEditStore.DefaultAgent(Optional.of(BIA)))), LEAD, T0.plusSeconds(10));

        var profile = desk.contacts.findContact(contact).orElseThrow().profile();
        assertTrue(profile.blocked());
        assertTrue(profile.broadcastOptOut());
        assertEquals(Optional.of(BIA), profile.defaultAgent());
        Map<String, AttributeValue> item = desk.contactItem(contact, "PROFILE");
        assertEquals(LEAD, item.get("flagsUpdatedBy").s());

        edits.setContactFlags(contact, new TicketEditStore.ContactFlags(Optional.of(false), Optional.empty(),
                Optional.of(new TicketEditStore.DefaultAgent(Optional.empty()))), BIA, T0.plusSeconds(20));

        profile = desk.contacts.findContact(contact).orElseThrow().profile();
        assertFalse(profile.blocked());
        assertTrue(profile.broadcastOptOut(), "left as it was");
        assertEquals(Optional.empty(), profile.defaultAgent());
        assertEquals(Optional.of(ticket.id()), profile.openTicketId(), "the open ticket stays the contact's");
        assertEquals(BIA, desk.contactItem(contact, "PROFILE").get("flagsUpdatedBy").s());
    }
}
