package io.janela.functions;

import io.janela.application.Metrics;
import io.janela.application.campaign.CampaignDriver;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;

/**
 * Runs on an EventBridge schedule: each run sends the next batch of every campaign still
 * sending (and the one retry of templates Meta held back), then stops before its timeout.
 */
public class CampaignDriverFunction {

    @Inject
    CampaignDriver driver;
    @Inject
    Metrics metrics;

    @RegisterForReflection
    public record RunView(int campaigns, int sent, int failed, int skipped, int unknown, int retried, int stillSending) {
    }

    @Funq("campaign-driver")
    public RunView drive(ScheduledEvent event) {
        CampaignDriver.RunReport report = driver.run();
        metrics.campaignRun(report.sent(), report.failed(), report.unknown(), report.skipped(), report.retried());
        return new RunView(report.campaigns(), report.sent(), report.failed(), report.skipped(), report.unknown(),
                report.retried(), report.stillSending());
    }
}
