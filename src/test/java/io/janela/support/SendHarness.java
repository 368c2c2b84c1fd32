package io.janela.support;

import io.janela.application.CampaignDriver;
import io.janela.application.Campaigns;
import io.janela.application.MessageSender;
import io.janela.application.MetaFailures;
import io.janela.application.SendService;
import io.janela.config.JanelaConfig;
import io.janela.domain.outbound.OutboundMessage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The send side wired by hand on the harness's tables: the real services and DynamoDB stores,
 * with Meta played by a recording sender that accepts everything unless told otherwise.
 */
public final class SendHarness {

    public final IngestHarness desk;
    public final RecordingSender meta = new RecordingSender();
    public final SendService sends;
    public final Campaigns campaigns;
    public final CampaignDriver driver;

    public SendHarness(IngestHarness desk, Clock clock) {
        this(desk, clock, Map.of());
    }

    public SendHarness(IngestHarness desk, Clock clock, Map<String, String> settings) {
        this.desk = desk;
        JanelaConfig config = config(settings);
        MetaFailures failures = new MetaFailures(desk.contacts, desk.outbound, desk.directory);
        this.sends = new SendService(desk.contacts, desk.directory, desk.outbound, meta, failures, clock, config);
        this.campaigns = new Campaigns(desk.campaigns, desk.directory, clock, config);
        this.driver = new CampaignDriver(desk.campaigns, desk.contacts, desk.directory, desk.outbound, meta, failures,
                clock, config);
    }

    /** Janela's settings with their defaults, as Quarkus would map them, plus the overrides given. */
    public static JanelaConfig config(Map<String, String> settings) {
        return TestSettings.janela(settings);
    }

    /** Meta as a test double: every message is recorded; the answer is the rule's, by default accepted. */
    public static final class RecordingSender implements MessageSender {
        public final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
        private final AtomicInteger wamids = new AtomicInteger();
        private volatile Function<OutboundMessage, SendOutcome> answer = message -> null;

        public void answer(Function<OutboundMessage, SendOutcome> rule) {
            this.answer = rule;
        }

        @Override
        public SendOutcome send(OutboundMessage message) {
            sent.add(message);
            SendOutcome outcome = answer.apply(message);
            return outcome != null ? outcome : new Accepted("wamid.HBgN" + wamids.incrementAndGet());
        }
    }
}
