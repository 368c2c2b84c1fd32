package io.janela.config;

import io.janela.application.WindowSettings;
import io.janela.application.campaign.CampaignSettings;
import io.janela.application.ingest.IngestSettings;
import io.janela.application.media.MediaSettings;
import io.janela.application.sweep.SweepSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Each use case's settings, read from {@link JanelaConfig}: the application sees its own records,
 * never the configuration mapping.
 */
public class SettingsProducer {

    @Produces
    @Singleton
    WindowSettings windowSettings(JanelaConfig config) {
        return window(config);
    }

    @Produces
    @Singleton
    SweepSettings sweepSettings(JanelaConfig config) {
        return sweep(config);
    }

    @Produces
    @Singleton
    CampaignSettings campaignSettings(JanelaConfig config) {
        return campaigns(config);
    }

    @Produces
    @Singleton
    IngestSettings ingestSettings(JanelaConfig config) {
        return ingest(config);
    }

    @Produces
    @Singleton
    @Startup // a bad janela.media.max-bytes stops the start, not the first download
    MediaSettings mediaSettings(JanelaConfig config) {
        return new MediaSettings(config.media().maxBytes());
    }

    public static WindowSettings window(JanelaConfig config) {
        return new WindowSettings(config.window().expiringLead());
    }

    public static SweepSettings sweep(JanelaConfig config) {
        JanelaConfig.Sweep sweep = config.sweep();
        return new SweepSettings(sweep.batchSize(), sweep.batchTime(), sweep.concurrency(), ScheduleRate.parse(sweep.rate()),
                sweep.closingMessage(), sweep.expiringNudge());
    }

    public static CampaignSettings campaigns(JanelaConfig config) {
        JanelaConfig.Campaigns campaigns = config.campaigns();
        return new CampaignSettings(campaigns.rate(), campaigns.concurrency(), campaigns.batchTime(), campaigns.maxRecipients());
    }

    public static IngestSettings ingest(JanelaConfig config) {
        return new IngestSettings(config.webhook().concurrency());
    }
}
