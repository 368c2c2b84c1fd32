package io.janela.domain.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SendBackoffTest {

    private static final Instant HIT = Instant.parse("2026-11-21T09:00:00Z");

    private static SendBackoff hits(Instant... at) {
        Optional<SendBackoff> backoff = Optional.empty();
        for (Instant hit : at) {
            backoff = Optional.of(SendBackoff.after(backoff, hit));
        }
        return backoff.orElseThrow();
    }

    @Test
    void aFirstLimitHitPausesFourSeconds() {
        assertEquals(new SendBackoff(1, HIT.plusSeconds(4)), hits(HIT));
    }

    @Test
    void eachHitWhileThePauseIsRecentWaitsFourTimesLonger() {
        assertEquals(new SendBackoff(2, HIT.plusSeconds(2 + 16)), hits(HIT, HIT.plusSeconds(2)));
        assertEquals(new SendBackoff(3, HIT.plusSeconds(3 + 64)), hits(HIT, HIT.plusSeconds(2), HIT.plusSeconds(3)));
        assertEquals(new SendBackoff(4, HIT.plusSeconds(4 + 256)),
                hits(HIT, HIT.plusSeconds(2), HIT.plusSeconds(3), HIT.plusSeconds(4)));
    }

    @Test
    void thePauseStopsGrowingAtTheCap() {
        Instant[] manyHits = new Instant[9];
        for (int i = 0; i < manyHits.length; i++) {
            manyHits[i] = HIT.plusSeconds(i);
        }
        SendBackoff capped = hits(manyHits);
        assertEquals(SendBackoff.MAX_LEVEL, capped.level());
        assertEquals(HIT.plusSeconds(8 + 1024), capped.until(), "4^5 seconds after the last hit");
    }

    @Test
    void aHitLongAfterThePauseEndedStartsAgainFromFourSeconds() {
        SendBackoff earlier = hits(HIT, HIT.plusSeconds(2), HIT.plusSeconds(3));
        Instant forgotten = earlier.until().plus(SendBackoff.MEMORY);
        assertEquals(new SendBackoff(1, forgotten.plusSeconds(4)), SendBackoff.after(Optional.of(earlier), forgotten));

        Instant remembered = forgotten.minusSeconds(1);
        assertEquals(new SendBackoff(4, remembered.plusSeconds(256)), SendBackoff.after(Optional.of(earlier), remembered));
    }

    @Test
    void aRedeliveredOrOlderHitIsAlreadyCounted() {
        SendBackoff twice = hits(HIT, HIT.plusSeconds(2));
        assertEquals(twice, SendBackoff.after(Optional.of(twice), HIT.plusSeconds(2)), "the same hit delivered again");
        assertEquals(twice, SendBackoff.after(Optional.of(twice), HIT), "an older hit delivered late");
        assertEquals(new SendBackoff(3, HIT.plusSeconds(3 + 64)), SendBackoff.after(Optional.of(twice), HIT.plusSeconds(3)));
    }

    @Test
    void noHitEverShortensAPauseAlreadyTaken() {
        Random random = new Random(131056);
        for (int round = 0; round < 200; round++) {
            List<Instant> hitTimes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                hitTimes.add(HIT.plusSeconds(random.nextInt(3_600)));
            }
            Collections.shuffle(hitTimes, random);
            Optional<SendBackoff> backoff = Optional.empty();
            for (Instant hit : hitTimes) {
                SendBackoff next = SendBackoff.after(backoff, hit);
                backoff.ifPresent(before -> assertFalse(next.until().isBefore(before.until()),
                        "a hit at " + hit + " shortened " + before + " to " + next));
                assertFalse(next.until().isBefore(hit.plusSeconds(4)), "every hit pauses at least 4 s");
                backoff = Optional.of(next);
            }
        }
    }

    @Test
    void thePauseHoldsUntilItsEndExclusive() {
        SendBackoff backoff = hits(HIT);
        assertTrue(backoff.activeAt(HIT));
        assertTrue(backoff.activeAt(HIT.plusSeconds(3)));
        assertFalse(backoff.activeAt(HIT.plusSeconds(4)));
    }
}
