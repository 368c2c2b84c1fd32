package io.janela.domain.window;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.domain.window.SweepRule.Duty;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sweeper's rules: when a ticket closes, when it shows EXPIRING, and which guards cannot work. */
class SweepRuleTest {

    private static final Instant CUSTOMER_WROTE = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration LEAD = Duration.ofMinutes(30);
    private static final SweepRule DEFAULT = new SweepRule(Duration.ofHours(23), LEAD);
    /** Closes 15 minutes before the window ends, so the last 30 minutes show EXPIRING first. */
    private static final SweepRule LATE = new SweepRule(Duration.ofMinutes(23 * 60 + 45), LEAD);

    private static Instant after(Duration sinceCustomerWrote) {
        return CUSTOMER_WROTE.plus(sinceCustomerWrote);
    }

    private static Duration hm(int hours, int minutes) {
        return Duration.ofHours(hours).plusMinutes(minutes);
    }

    @Test
    void aCloseAfterOf24HoursOrMoreIsRefusedWithASentenceNamingTheSetting() {
        for (Duration tooLate : new Duration[] {Duration.ofHours(24), Duration.ofHours(25), Duration.ofDays(2)}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new SweepRule(tooLate, LEAD));
            assertTrue(refused.getMessage().startsWith("janela.sweep.close-after must be more than zero and less than 24h"),
                    refused.getMessage());
            assertTrue(refused.getMessage().endsWith(tooLate.toString()), refused.getMessage());
        }
    }

    @Test
    void aCloseAfterOfZeroOrLessIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SweepRule(Duration.ZERO, LEAD));
        assertThrows(IllegalArgumentException.class, () -> new SweepRule(Duration.ofMinutes(-5), LEAD));
        assertThrows(NullPointerException.class, () -> new SweepRule(null, LEAD));
    }

    @Test
    void justUnder24HoursIsAccepted() {
        SweepRule guard = new SweepRule(Duration.ofHours(24).minusSeconds(1), LEAD);
        assertEquals(Duration.ofHours(24).minusSeconds(1), guard.closeAfter());
    }

    @Test
    void theLeadMustLeavePartOfTheWindowOpen() {
        assertThrows(IllegalArgumentException.class, () -> new SweepRule(Duration.ofHours(23), Duration.ofHours(24)));
        assertThrows(IllegalArgumentException.class, () -> new SweepRule(Duration.ofHours(23), Duration.ofMinutes(-1)));
    }

    @Test
    void theDeadlineIsCloseAfterPastTheCustomersLastMessage() {
        assertEquals(Instant.parse("2026-11-21T09:00:00Z"), DEFAULT.deadline(CUSTOMER_WROTE));
        assertEquals(Instant.parse("2026-11-21T09:45:00Z"), LATE.deadline(CUSTOMER_WROTE));
        assertEquals(Instant.parse("2026-11-21T09:30:00Z"), DEFAULT.expiringFrom(CUSTOMER_WROTE));
    }

    @Test
    void theHorizonReachesAsFarAsTheLongerOfTheCloseMarginAndTheLead() {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        // 24h - 23h = 1h is longer than the 30 minute lead
        assertEquals(now.plus(Duration.ofHours(1)), DEFAULT.horizon(now));
        // 24h - 23h45m = 15m is shorter than the 30 minute lead
        assertEquals(now.plus(LEAD), LATE.horizon(now));
        // equal: either
        assertEquals(now.plus(LEAD), new SweepRule(hm(23, 30), LEAD).horizon(now));
    }

    @Test
    void everyTicketTheGuardHasADutyForHasAWindowEndingByTheHorizon() {
        for (SweepRule guard : new SweepRule[] {DEFAULT, LATE}) {
            Instant closeNow = guard.deadline(CUSTOMER_WROTE);
            assertEquals(Duty.CLOSE, guard.dutyFor(CUSTOMER_WROTE, false, closeNow));
            assertFalse(CUSTOMER_WROTE.plus(CustomerServiceWindow.LENGTH).isAfter(guard.horizon(closeNow)));
        }
        Instant markNow = LATE.expiringFrom(CUSTOMER_WROTE);
        assertEquals(Duty.MARK_EXPIRING, LATE.dutyFor(CUSTOMER_WROTE, false, markNow));
        assertEquals(CUSTOMER_WROTE.plus(CustomerServiceWindow.LENGTH), LATE.horizon(markNow));
    }

    @Test
    void aTicketIsDueAtExactlyCloseAfterAndNotASecondBefore() {
        assertEquals(Duty.NOTHING, DEFAULT.dutyFor(CUSTOMER_WROTE, false, after(hm(22, 59).plusSeconds(59))));
        assertEquals(Duty.CLOSE, DEFAULT.dutyFor(CUSTOMER_WROTE, false, after(Duration.ofHours(23))));
        assertEquals(Duty.CLOSE, DEFAULT.dutyFor(CUSTOMER_WROTE, true, after(Duration.ofHours(23))));
        assertEquals(Duty.CLOSE, DEFAULT.dutyFor(CUSTOMER_WROTE, false, after(Duration.ofHours(30))));
    }

    @Test
    void aTicketIsMarkedExpiringFromTheLeadBeforeTheWindowEndsOnlyWhenNotMarkedYet() {
        assertEquals(Duty.NOTHING, LATE.dutyFor(CUSTOMER_WROTE, false, after(hm(23, 29).plusSeconds(59))));
        assertEquals(Duty.MARK_EXPIRING, LATE.dutyFor(CUSTOMER_WROTE, false, after(hm(23, 30))));
        assertEquals(Duty.MARK_EXPIRING, LATE.dutyFor(CUSTOMER_WROTE, false, after(hm(23, 44).plusSeconds(59))));
        assertEquals(Duty.NOTHING, LATE.dutyFor(CUSTOMER_WROTE, true, after(hm(23, 30))));
        assertEquals(Duty.NOTHING, LATE.dutyFor(CUSTOMER_WROTE, true, after(hm(23, 44).plusSeconds(59))));
        assertEquals(Duty.CLOSE, LATE.dutyFor(CUSTOMER_WROTE, true, after(hm(23, 45))));
    }

    @Test
    void whenTheGuardClosesBeforeTheLeadTheTicketIsNeverMarked() {
        for (Duration since = Duration.ZERO; since.compareTo(Duration.ofHours(23)) < 0; since = since.plusMinutes(15)) {
            assertEquals(Duty.NOTHING, DEFAULT.dutyFor(CUSTOMER_WROTE, false, after(since)), since.toString());
        }
        assertEquals(Duty.CLOSE, DEFAULT.dutyFor(CUSTOMER_WROTE, false, after(Duration.ofHours(23))));
    }

    @Test
    void aNudgeIsRefusedWhenTicketsCloseBeforeTheyCouldShowExpiring() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, DEFAULT::requireNudgeReachable);
        assertTrue(refused.getMessage().contains("janela.sweep.expiring-nudge"), refused.getMessage());
        // lead equal to 24h - closeAfter: EXPIRING and the close would come at the same instant
        assertThrows(IllegalArgumentException.class, new SweepRule(hm(23, 30), LEAD)::requireNudgeReachable);
        assertDoesNotThrow(new SweepRule(hm(23, 31), LEAD)::requireNudgeReachable);
        assertDoesNotThrow(LATE::requireNudgeReachable);
    }
}
