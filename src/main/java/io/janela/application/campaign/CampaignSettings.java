package io.janela.application.campaign;

import java.time.Duration;

/**
 * How campaigns go out ({@code janela.campaigns.*}): sends per second, sends at once, the time a
 * driver run may take, and the largest audience a campaign may have.
 */
public record CampaignSettings(double rate, int concurrency, Duration batchTime, int maxRecipients) {
}
