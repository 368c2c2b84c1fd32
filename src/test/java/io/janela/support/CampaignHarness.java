package io.janela.support;

import io.janela.application.CampaignDriver;
import io.janela.application.Campaigns;
import io.janela.application.MessageSender;
import io.janela.application.MetaFailures;
import io.janela.config.JanelaConfig;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Campaign creation and the campaign driver, wired by hand on the stores of an
 * {@link IngestHarness}: the webhooks it delivers act on the same tables.
 */
public final class CampaignHarness implements AutoCloseable {

    public final IngestHarness desk;
    public final JanelaConfig config;
    public final Campaigns campaigns;

    /** {@code settings} override {@code janela.*} keys, as environment variables do in AWS. */
    public CampaignHarness(Clock clock, Map<String, String> settings, ExecutionInterceptor... interceptors) {
        this.desk = new IngestHarness(clock, interceptors);
        this.config = TestSettings.janela(settings);
        this.campaigns = new Campaigns(desk.campaigns, desk.directory, clock, config);
    }

    /** A driver as one Lambda invocation builds it: its own sender, its own clock. */
    public CampaignDriver driver(MessageSender sender, Clock clock) {
        return new CampaignDriver(desk.campaigns, desk.contacts, desk.directory, desk.outbound, sender,
                new MetaFailures(desk.contacts, desk.outbound, desk.directory), clock, config);
    }

    public void deliver(MetaPayloads payload) {
        desk.deliver(payload);
    }

    @Override
    public void close() {
        desk.close();
    }
}
