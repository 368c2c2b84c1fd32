package io.janela.functions;

import io.janela.application.CampaignDriver;
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

    @RegisterForReflection
    public record RunView(int campaigns, int sent, int failed, int skipped, int unknown, int retried, int stillSending) {
    }

    @Funq("campaign-driver")
    public RunView drive(ScheduledEvent event) {
        CampaignDriver.RunReport report = driver.run();
        return new RunView(report.campaigns(), report.sent(), report.failed(), report.skipped(), report.unknown(),
                report.retried(), report.stillSending());
    }
}
