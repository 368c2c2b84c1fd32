package io.janela.local;

import io.janela.application.campaign.CampaignDriver;
import io.janela.config.JanelaConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Local mode's stand-in for the EventBridge schedule of the campaign driver: the same run, on
 * quarkus-scheduler, at {@code janela.local.campaign-drive-every}.
 */
@ApplicationScoped
public class LocalCampaignSchedule {

    @Inject
    JanelaConfig config;
    @Inject
    CampaignDriver driver;

    @Scheduled(every = "${janela.local.campaign-drive-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drive() {
        if (config.local().enabled()) {
            driver.run();
        }
    }
}
