package io.janela.support;

import io.janela.adapters.dynamodb.DynamoTicketClosings;
import io.janela.application.desk.TicketActions;
import io.janela.application.sweep.Sweeper;
import io.janela.application.sweep.TicketCloser;
import io.janela.config.JanelaConfig;
import io.janela.config.WindowGuardProducer;
import io.janela.domain.window.WindowGuard;
import java.time.Clock;
import java.util.Map;

/**
 * The sweeper and the desk's ticket actions wired by hand on the harness's tables: the real
 * services and DynamoDB stores, with Meta played by the send harness's recording sender.
 */
public final class SweepHarness {

    public final IngestHarness desk;
    public final SendHarness send;
    public final DynamoTicketClosings closings;
    public final WindowGuard guard;
    public final TicketCloser closer;
    public final Sweeper sweeper;
    public final TicketActions actions;

    public SweepHarness(IngestHarness desk, Clock clock) {
        this(desk, clock, Map.of());
    }

    /** {@code settings} override Janela's defaults, e.g. {@code janela.sweep.closing-message}. */
    public SweepHarness(IngestHarness desk, Clock clock, Map<String, String> settings) {
        this.desk = desk;
        this.send = new SendHarness(desk, clock, settings);
        JanelaConfig config = TestSettings.janela(settings);
        this.closings = new DynamoTicketClosings(desk.dynamo, desk.tables.contacts(), config.sweep().pageSize());
        this.guard = WindowGuardProducer.checked(config);
        this.closer = new TicketCloser(closings, send.sends, guard);
        this.sweeper = new Sweeper(closings, closer, desk.directory, guard, clock, config);
        this.actions = new TicketActions(desk.contacts, closings, closer, desk.directory, clock);
    }
}
