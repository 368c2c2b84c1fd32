package io.janela.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand ("a day later" without waiting a day), and that can also tick
 * by itself on every reading, as time passes during a run.
 */
public final class MutableClock extends Clock {

    private Instant now;
    private final Duration tick;

    public MutableClock(Instant start) {
        this(start, Duration.ZERO);
    }

    public MutableClock(Instant start, Duration tick) {
        this.now = start;
        this.tick = tick;
    }

    public synchronized void set(Instant instant) {
        now = instant;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public synchronized Instant instant() {
        Instant reading = now;
        now = now.plus(tick);
        return reading;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
