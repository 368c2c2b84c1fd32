package io.janela.application.ingest;

/** How many of a webhook POST's contacts are applied at once ({@code janela.webhook.concurrency}). */
public record IngestSettings(int concurrency) {
}
