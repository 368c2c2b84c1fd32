package io.janela.application.sweep;

import java.time.Duration;
import java.util.Optional;

/**
 * How a sweep runs ({@code janela.sweep.*}): at most {@code batchSize} tickets and
 * {@code batchTime} per run, {@code concurrency} at once, a run every {@code interval}; the
 * closing message and the expiring nudge, when the desk sends them.
 */
public record SweepSettings(int batchSize, Duration batchTime, int concurrency, Duration interval,
        Optional<String> closingMessage, Optional<String> expiringNudge) {
}
