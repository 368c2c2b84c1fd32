package io.janela.domain.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.domain.contact.ContactKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An agent's close at a later time: only while the customer can still be answered, and given way to a reply when asked. */
class ScheduledCloseTest {

    private static final ContactKey ANA = new ContactKey("106540352242922", "k0a1b2c3d4e5f60718293a4b5");
    private static final Instant CUSTOMER_WROTE = Instant.parse("2026-11-21T09:00:00Z");
    private static final Instant WINDOW_ENDS = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant NOW = CUSTOMER_WROTE.plus(Duration.ofHours(2));
    private static final String BIA = "bia@desk.example";
    private static final Ticket TICKET = Ticket.open(TicketId.openedBy(ANA, "wamid.A1"),
            ProtocolNumber.of(LocalDate.of(2026, 11, 21), 1), ANA, CUSTOMER_WROTE, Assignment.NONE);

    private static ScheduledClose request(Instant at, boolean cancelOnReply) {
        return ScheduledClose.request(TICKET, at, cancelOnReply, Optional.empty(), BIA, NOW);
    }

    @Test
    void aCloseInThePastOrAtThisInstantIsRefused() {
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                () -> request(NOW.minusSeconds(1), true));
        assertTrue(past.getMessage().startsWith("at must be in the future"), past.getMessage());
        assertThrows(IllegalArgumentException.class, () -> request(NOW, true));
    }

    @Test
    void aCloseAfterTheWindowEndsIsRefused() {
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> request(WINDOW_ENDS.plusSeconds(1), true));
        assertTrue(late.getMessage().contains("ends at " + WINDOW_ENDS), late.getMessage());
    }

    @Test
    void theWindowEndsAreMeasuredFromTheLastCustomerMessageNotTheFirst() {
        Ticket joined = TICKET.joinedBy(CUSTOMER_WROTE.plus(Duration.ofHours(1)));
        ScheduledClose close = ScheduledClose.request(joined, WINDOW_ENDS.plus(Duration.ofHours(1)), false,
                Optional.empty(), BIA, NOW);
        assertEquals(WINDOW_ENDS.plus(Duration.ofHours(1)), close.at());
    }

    @Test
    void theFirstSecondAfterNowAndTheWindowsLastInstantAreAccepted() {
        assertEquals(NOW.plusSeconds(1), request(NOW.plusSeconds(1), true).at());
        ScheduledClose atTheEnd = request(WINDOW_ENDS, false);
        assertEquals(WINDOW_ENDS, atTheEnd.at());
        assertFalse(atTheEnd.cancelOnReply());
        assertEquals(BIA, atTheEnd.requestedBy());
        assertEquals(NOW, atTheEnd.requestedAt());
    }

    @Test
    void instantsAreKeptToTheSecondAsTheyAreStored() {
        ScheduledClose close = ScheduledClose.request(TICKET, NOW.plusSeconds(90).plusMillis(700), true, Optional.empty(),
                BIA, NOW.plusMillis(250));
        assertEquals(NOW.plusSeconds(90), close.at());
        assertEquals(NOW, close.requestedAt());
    }

    @Test
    void aMessageInTheRequestsOwnSecondCancelsIt() {
        // Meta's timestamps are whole seconds: the customer may have written after the agent asked
        ScheduledClose givesWay = request(NOW.plus(Duration.ofHours(1)), true);
        assertTrue(givesWay.cancelledBy(NOW));
        assertFalse(request(NOW.plus(Duration.ofHours(1)), false).cancelledBy(NOW));
    }

    @Test
    void aReplyWrittenAfterTheRequestCancelsOnlyWhenAskedTo() {
        ScheduledClose givesWay = request(NOW.plus(Duration.ofHours(1)), true);
        assertFalse(givesWay.cancelledBy(CUSTOMER_WROTE));
        assertFalse(givesWay.cancelledBy(NOW.minusSeconds(1)));
        assertTrue(givesWay.cancelledBy(NOW.plusSeconds(1)));

        ScheduledClose regardless = request(NOW.plus(Duration.ofHours(1)), false);
        assertFalse(regardless.cancelledBy(NOW.plusSeconds(1)));
        assertFalse(regardless.cancelledBy(NOW.plus(Duration.ofHours(20))));
    }

    @Test
    void theTicketsPendingCloseIsGoneOnceAReplyCancelsItOrTheTicketCloses() {
        ScheduledClose givesWay = request(NOW.plus(Duration.ofHours(1)), true);
        Ticket scheduled = new Ticket(TICKET.id(), TICKET.protocol(), ANA, TicketStatus.OPEN, CUSTOMER_WROTE,
                CUSTOMER_WROTE, TICKET.assignment(), Optional.empty(), Optional.of(givesWay));
        assertEquals(Optional.of(givesWay), scheduled.pendingClose());
        assertEquals(Optional.empty(), scheduled.joinedBy(NOW.plusSeconds(1)).pendingClose());

        ScheduledClose regardless = request(NOW.plus(Duration.ofHours(1)), false);
        Ticket kept = new Ticket(TICKET.id(), TICKET.protocol(), ANA, TicketStatus.OPEN, CUSTOMER_WROTE,
                NOW.plusSeconds(1), TICKET.assignment(), Optional.empty(), Optional.of(regardless));
        assertEquals(Optional.of(regardless), kept.pendingClose());

        Ticket closed = new Ticket(TICKET.id(), TICKET.protocol(), ANA, TicketStatus.CLOSED, CUSTOMER_WROTE,
                CUSTOMER_WROTE, TICKET.assignment(), Optional.empty(), Optional.of(regardless));
        assertEquals(Optional.empty(), closed.pendingClose());
    }

    @Test
    void aScheduledCloseIsDueFromItsInstant() {
        ScheduledClose close = request(NOW.plus(Duration.ofHours(1)), true);
        assertFalse(close.dueAt(NOW.plus(Duration.ofHours(1)).minusSeconds(1)));
        assertTrue(close.dueAt(NOW.plus(Duration.ofHours(1))));
        assertTrue(close.dueAt(NOW.plus(Duration.ofHours(3))));
    }

    @Test
    void theClosingMessageIsFreeFormTextWithinWhatsAppsLimit() {
        assertEquals(Optional.of("Obrigado pelo contato!"), ScheduledClose.request(TICKET, NOW.plusSeconds(60), true,
                Optional.of("Obrigado pelo contato!"), BIA, NOW).message());
        assertEquals(Optional.of("x".repeat(4096)), ScheduledClose.checkedMessage(Optional.of("x".repeat(4096))));
        assertEquals(Optional.empty(), ScheduledClose.checkedMessage(null));
        assertThrows(IllegalArgumentException.class, () -> ScheduledClose.checkedMessage(Optional.of("x".repeat(4097))));
        assertThrows(IllegalArgumentException.class, () -> ScheduledClose.checkedMessage(Optional.of("")));
        assertThrows(IllegalArgumentException.class, () -> ScheduledClose.checkedMessage(Optional.of(" \n\t")));
        assertThrows(IllegalArgumentException.class, () -> ScheduledClose.request(TICKET, NOW.plusSeconds(60), true,
                Optional.of(" "), BIA, NOW));
    }

    @Test
    void aScheduledCloseNamesWhoAskedForIt() {
        assertThrows(IllegalArgumentException.class, () -> ScheduledClose.request(TICKET, NOW.plusSeconds(60), true,
                Optional.empty(), " ", NOW));
        assertThrows(NullPointerException.class, () -> new ScheduledClose(null, true, Optional.empty(), BIA, NOW));
    }
}
