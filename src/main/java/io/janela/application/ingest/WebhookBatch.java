package io.janela.application.ingest;

import java.util.List;

/**
 * Everything one webhook POST reported: the updates Janela can apply, each with its place in the
 * body, and those it never can (invalid, or more than it stores), to be quarantined.
 * {@code ignored} counts the changes and statuses of kinds Janela has no use for.
 */
public record WebhookBatch(List<WebhookUpdate> updates, List<Quarantined> quarantined, int ignored) {

    public WebhookBatch {
        updates = List.copyOf(updates);
        quarantined = List.copyOf(quarantined);
    }

    public int size() {
        return updates.size() + quarantined.size();
    }

    public long count(Class<? extends WebhookUpdate> kind) {
        return updates.stream().filter(kind::isInstance).count();
    }
}
