package io.janela.support;

import io.janela.application.campaign.CampaignDriver;
import io.janela.application.campaign.Campaigns;
import io.janela.application.outbound.Gatekeeper;
import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.MetaFailures;
import io.janela.config.JanelaConfig;
import io.janela.config.SettingsProducer;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Campaign creation and the campaign driver, wired by hand on the stores of an
 * {@link IngestHarness}: the webhooks it delivers act on the same tables.
 */
public final class CampaignHarness implements AutoCloseable {

    /** The stores, and the webhook ingest on them. */
    public final IngestHarness stores;
    public final JanelaConfig config;
    public final Campaigns campaigns;

    /** {@code settings} override {@code janela.*} keys, as environment variables do in AWS. */
    public CampaignHarness(Clock clock, Map<String, String> settings, ExecutionInterceptor... interceptors) {
        this.stores = new IngestHarness(clock, interceptors);
        this.config = TestSettings.janela(settings);
        this.campaigns = new Campaigns(stores.campaigns, stores.directory, gatekeeper(), clock, SettingsProducer.campaigns(config));
    }

    private Gatekeeper gatekeeper() {
        return new Gatekeeper(stores.contacts, stores.directory, SettingsProducer.window(config));
    }

    /** A driver as one Lambda invocation builds it: its own sender, its own clock. */
    public CampaignDriver driver(MessageSender sender, Clock clock) {
        return new CampaignDriver(stores.campaigns, stores.contacts, stores.resolver, stores.directory, stores.outbound, sender,
                new MetaFailures(stores.contacts, stores.outbound, stores.directory), gatekeeper(), clock,
                SettingsProducer.campaigns(config));
    }

    public void deliver(MetaPayloads payload) {
        stores.deliver(payload);
    }

    @Override
    public void close() {
        stores.close();
    }
}
