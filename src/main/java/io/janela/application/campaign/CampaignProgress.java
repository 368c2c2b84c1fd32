package io.janela.application.campaign;

import io.janela.domain.campaign.Recipient;
import io.janela.domain.message.StatusUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps campaign reports current from Meta's statuses: the campaign's sends carry
 * {@code biz_opaque_callback_data} naming the campaign and the row, and Meta echoes it.
 */
@ApplicationScoped
public class CampaignProgress {

    private static final Pattern CALLBACK = Pattern.compile(
            Pattern.quote(CampaignDriver.CALLBACK_PREFIX) + "([a-z0-9]{1,64}):([0-9]{1,8})");
    /** Each retry follows another status of the same row landing first. */
    private static final int ATTEMPTS = 4;

    private final CampaignStore campaigns;

    public CampaignProgress(CampaignStore campaigns) {
        this.campaigns = campaigns;
    }

    public void apply(StatusUpdate status) {
        Optional<Matcher> callback = status.callbackData().map(CALLBACK::matcher).filter(Matcher::matches);
        if (callback.isEmpty()) {
            return;
        }
        String id = callback.get().group(1);
        int row = Integer.parseInt(callback.get().group(2));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Recipient> current = campaigns.recipient(id, row);
            Optional<Recipient> advanced = current.flatMap(from -> from.advancedBy(status));
            if (advanced.isEmpty()) {
                return; // not ours, or already at or past this status: statuses never move back
            }
            if (campaigns.move(id, current.get(), advanced.get())) {
                return;
            }
        }
        throw new IllegalStateException("campaign " + id + " row " + row + " kept changing under a status update");
    }
}
