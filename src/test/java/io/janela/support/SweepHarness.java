package io.janela.support;

import io.janela.adapters.dynamodb.DynamoClosingStore;
import io.janela.application.desk.ClosingByHand;
import io.janela.application.sweep.Sweeper;
import io.janela.application.sweep.TicketCloser;
import io.janela.config.JanelaConfig;
import io.janela.config.SettingsProducer;
import io.janela.config.SweepRuleProducer;
import io.janela.domain.window.SweepRule;
import java.time.Clock;
import java.util.Map;

/**
 * The sweeper and the desk's ticket actions wired by hand on the harness's tables: the real
 * services and DynamoDB stores, with Meta played by the send harness's recording sender.
 */
public final class SweepHarness {

    public final IngestHarness desk;
    public final SendHarness send;
    public final DynamoClosingStore closings;
    public final SweepRule guard;
    public final TicketCloser closer;
    public final Sweeper sweeper;
    public final ClosingByHand actions;

    public SweepHarness(IngestHarness desk, Clock clock) {
        this(desk, clock, Map.of());
    }

    /** {@code settings} override Janela's defaults, e.g. {@code janela.sweep.closing-message}. */
    public SweepHarness(IngestHarness desk, Clock clock, Map<String, String> settings) {
        this.desk = desk;
        this.send = new SendHarness(desk, clock, settings);
        JanelaConfig config = TestSettings.janela(settings);
        this.closings = new DynamoClosingStore(desk.dynamo, desk.tables.contacts(), config.sweep().pageSize());
        this.guard = SweepRuleProducer.checked(config);
        this.closer = new TicketCloser(closings, send.sends, guard);
        this.sweeper = new Sweeper(closings, closer, desk.directory, guard, clock, SettingsProducer.sweep(config));
        this.actions = new ClosingByHand(desk.contacts, closings, closer, desk.directory, clock);
    }
}
