package io.janela.application.campaign;

import io.janela.domain.campaign.Audience;
import io.janela.domain.campaign.Recipient;
import io.janela.domain.routing.ReplyRoute;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns and their recipients. Each recipient row moves through its outcomes with conditional
 * writes, and the campaign's counts move with it in the same transaction, so the report is
 * always the sum of its rows.
 */
public interface CampaignStore {

    enum State { SENDING, DONE }

    record Campaign(
            String id,
            String phoneNumberId,
            String templateName,
            String templateLanguage,
            Optional<String> templateCategory,
            Optional<ReplyRoute> replyRoute,
            String createdBy,
            Instant createdAt,
            int total,
            State state,
            int cursor,
            Map<String, Long> counts) {
    }

    /** Writes the campaign with every row of its audience; false when a campaign with this id exists. */
    boolean create(Campaign campaign, Audience audience);

    Optional<Campaign> find(String id);

    record Page(List<Recipient> rows, Optional<Integer> nextAfter) {
    }

    Page recipients(String id, int afterRow, int limit);

    List<String> activeCampaigns();

    /** Makes this driver the only one working on the campaign until {@code until}. */
    boolean lease(String id, Instant now, Instant until);

    /** Gives back the lease taken until {@code until}; a lease another driver took since is left alone. */
    void release(String id, Instant until);

    void checkpoint(String id, int cursor);

    void finish(String id, Instant at);

    /**
     * Moves a row from {@code from.outcome()} to {@code to}, with the counts; false when the row
     * has moved since it was read.
     */
    boolean move(String id, Recipient from, Recipient to);

    Optional<Recipient> recipient(String id, int row);
}
