package io.janela.domain.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CustomerServiceWindowTest {

    private static final Instant CUSTOMER_WROTE = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration LEAD = Duration.ofMinutes(30);
    private static final CustomerServiceWindow WINDOW = CustomerServiceWindow.since(CUSTOMER_WROTE);

    private static Instant at(Duration afterCustomerWrote) {
        return Clock.fixed(CUSTOMER_WROTE.plus(afterCustomerWrote), ZoneOffset.UTC).instant();
    }

    @Test
    void aContactWhoNeverWroteHasNoWindow() {
        CustomerServiceWindow none = CustomerServiceWindow.none();
        assertEquals(WindowState.NONE, none.stateAt(CUSTOMER_WROTE, LEAD));
        assertEquals(Optional.empty(), none.closesAt());
        assertFalse(WindowState.NONE.allowsFreeForm());
    }

    @Test
    void theWindowClosesExactly24HoursAfterTheCustomersMessage() {
        assertEquals(Optional.of(Instant.parse("2026-11-21T10:00:00Z")), WINDOW.closesAt());
    }

    @Test
    void oneSecondBefore24HoursTheWindowIsStillUsable() {
        WindowState state = WINDOW.stateAt(at(Duration.ofHours(24).minusSeconds(1)), LEAD);
        assertEquals(WindowState.EXPIRING, state);
        assertTrue(state.allowsFreeForm());
    }

    @Test
    void atExactly24HoursTheWindowHasExpired() {
        WindowState state = WINDOW.stateAt(at(Duration.ofHours(24)), LEAD);
        assertEquals(WindowState.EXPIRED, state);
        assertFalse(state.allowsFreeForm());
    }

    @Test
    void theWindowIsOpenUntilTheLeadTimeBeforeItCloses() {
        assertEquals(WindowState.OPEN, WINDOW.stateAt(at(Duration.ZERO), LEAD));
        assertEquals(WindowState.OPEN, WINDOW.stateAt(at(Duration.ofMinutes(23 * 60 + 29).plusSeconds(59)), LEAD));
        assertEquals(WindowState.EXPIRING, WINDOW.stateAt(at(Duration.ofMinutes(23 * 60 + 30)), LEAD));
    }

    @Test
    void theLeadTimeIsConfigurable() {
        Duration twoHours = Duration.ofHours(2);
        assertEquals(WindowState.OPEN, WINDOW.stateAt(at(Duration.ofHours(22).minusSeconds(1)), twoHours));
        assertEquals(WindowState.EXPIRING, WINDOW.stateAt(at(Duration.ofHours(22)), twoHours));
        assertEquals(WindowState.OPEN, WINDOW.stateAt(at(Duration.ofHours(24).minusSeconds(1)), Duration.ZERO));
    }

    @Test
    void aLeadOf24HoursOrMoreIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CustomerServiceWindow.checkedLead(Duration.ofHours(24)));
        assertThrows(IllegalArgumentException.class, () -> CustomerServiceWindow.checkedLead(Duration.ofMinutes(-1)));
        assertEquals(LEAD, CustomerServiceWindow.checkedLead(LEAD));
    }

    @Test
    void aNewerMessageRestartsTheWindow() {
        Instant later = CUSTOMER_WROTE.plus(Duration.ofHours(5));
        CustomerServiceWindow advanced = WINDOW.advancedTo(later);
        assertEquals(Optional.of(later.plus(Duration.ofHours(24))), advanced.closesAt());
        assertEquals(WindowState.OPEN, advanced.stateAt(at(Duration.ofHours(25)), LEAD));
    }

    @Test
    void aLateMessageNeverMovesTheWindowBackwards() {
        Instant newer = CUSTOMER_WROTE.plus(Duration.ofHours(5));
        CustomerServiceWindow window = WINDOW.advancedTo(newer).advancedTo(CUSTOMER_WROTE);
        assertEquals(Optional.of(newer), window.lastInboundAt());
    }

    @Test
    void aDuplicateMessageChangesNothing() {
        assertSame(WINDOW, WINDOW.advancedTo(CUSTOMER_WROTE));
    }

    @Test
    void messagesInAnyOrderGiveTheWindowOfTheNewest() {
        Instant a = CUSTOMER_WROTE;
        Instant b = CUSTOMER_WROTE.plusSeconds(60);
        Instant c = CUSTOMER_WROTE.plusSeconds(3600);
        CustomerServiceWindow ordered = CustomerServiceWindow.none().advancedTo(a).advancedTo(b).advancedTo(c);
        CustomerServiceWindow shuffled = CustomerServiceWindow.none().advancedTo(c).advancedTo(a).advancedTo(b).advancedTo(c);
        assertEquals(ordered, shuffled);
        assertEquals(Optional.of(c), shuffled.lastInboundAt());
    }

    // Meta refusing a free-form message as outside the window (131047): Meta's clock wins.

    @Test
    void aWindowMetaClosedIsExpiredEvenWithinTheDay() {
        CustomerServiceWindow closed = WINDOW.closedByMetaAt(CUSTOMER_WROTE.plus(Duration.ofHours(1)));
        assertEquals(WindowState.OPEN, WINDOW.stateAt(at(Duration.ofHours(2)), LEAD));
        assertEquals(WindowState.EXPIRED, closed.stateAt(at(Duration.ofHours(2)), LEAD));
        assertEquals(Optional.of(CUSTOMER_WROTE.plus(Duration.ofHours(1))), closed.closedByMeta());
        assertEquals(WINDOW.closesAt(), closed.closesAt(), "the customer's own clock is kept");
    }

    @Test
    void aCustomerMessageSentAfterMetaClosedTheWindowOpensANewOne() {
        Instant closedAt = CUSTOMER_WROTE.plus(Duration.ofHours(1));
        CustomerServiceWindow reopened = WINDOW.closedByMetaAt(closedAt).advancedTo(closedAt.plusSeconds(1));
        assertEquals(WindowState.OPEN, reopened.stateAt(at(Duration.ofHours(2)), LEAD));
        assertEquals(Optional.of(closedAt.plusSeconds(1).plus(Duration.ofHours(24))), reopened.closesAt());
    }

    @Test
    void aCustomerMessageSentBeforeMetaClosedTheWindowDoesNotReopenIt() {
        Instant closedAt = CUSTOMER_WROTE.plus(Duration.ofHours(1));
        CustomerServiceWindow closed = WINDOW.closedByMetaAt(closedAt);
        assertEquals(WindowState.EXPIRED, closed.advancedTo(closedAt.minusSeconds(60)).stateAt(at(Duration.ofHours(2)), LEAD),
                "a message delivered late, sent before Meta's refusal");
        assertEquals(WindowState.EXPIRED, closed.advancedTo(closedAt).stateAt(at(Duration.ofHours(2)), LEAD),
                "a message sent in the same second as Meta's refusal");
    }

    @Test
    void theOrderOfTheMessageAndMetasRefusalDoesNotMatter() {
        Instant closedAt = CUSTOMER_WROTE.plus(Duration.ofHours(1));
        Instant before = closedAt.minusSeconds(60);
        Instant after = closedAt.plusSeconds(60);
        assertEquals(WINDOW.advancedTo(before).closedByMetaAt(closedAt), WINDOW.closedByMetaAt(closedAt).advancedTo(before));
        assertEquals(WINDOW.advancedTo(after).closedByMetaAt(closedAt), WINDOW.closedByMetaAt(closedAt).advancedTo(after));
        assertEquals(WindowState.OPEN, WINDOW.advancedTo(after).closedByMetaAt(closedAt).stateAt(at(Duration.ofHours(2)), LEAD));
    }

    @Test
    void anOlderRefusalNeverReplacesANewerOne() {
        Instant newer = CUSTOMER_WROTE.plus(Duration.ofHours(2));
        CustomerServiceWindow closed = WINDOW.closedByMetaAt(newer);
        assertSame(closed, closed.closedByMetaAt(CUSTOMER_WROTE.plus(Duration.ofHours(1))));
        assertSame(closed, closed.closedByMetaAt(newer), "a redelivered refusal changes nothing");
        assertEquals(WindowState.EXPIRED, closed.advancedTo(newer.minusSeconds(1)).stateAt(at(Duration.ofHours(3)), LEAD));
    }

    @Test
    void metaClosingAWindowThatNeverOpenedLeavesNoWindowUntilTheCustomerWrites() {
        Instant closedAt = CUSTOMER_WROTE;
        CustomerServiceWindow closed = CustomerServiceWindow.none().closedByMetaAt(closedAt);
        assertEquals(WindowState.NONE, closed.stateAt(at(Duration.ofHours(1)), LEAD));
        assertEquals(WindowState.OPEN, closed.advancedTo(closedAt.plusSeconds(60)).stateAt(at(Duration.ofHours(1)), LEAD));
    }
}
