package io.janela.application;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.MarketingPreference;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.message.StatusUpdate;
import io.janela.domain.template.TemplateStatusChange;
import java.util.List;
import java.util.Map;

/** Everything one webhook POST reported, already validated. */
public record WebhookBatch(
        List<InboundMessage> messages,
        List<StatusUpdate> statuses,
        List<TemplateStatusChange> templateChanges,
        List<MarketingPreference> preferences,
        Map<ContactKey, String> profileNames,
        int ignoredChanges) {

    public WebhookBatch {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
        templateChanges = List.copyOf(templateChanges);
        preferences = List.copyOf(preferences);
        profileNames = Map.copyOf(profileNames);
    }

    public int size() {
        return messages.size() + statuses.size() + templateChanges.size() + preferences.size();
    }
}
