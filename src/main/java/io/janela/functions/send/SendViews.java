package io.janela.functions.send;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.janela.application.campaign.CampaignStore;
import io.janela.application.campaign.Campaigns;
import io.janela.domain.campaign.Recipient;
import io.janela.domain.message.MetaError;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of the send routes. */
public final class SendViews {

    private SendViews() {
    }

    @RegisterForReflection
    public record SentView(String id, String wamid, boolean activeMessage) {
    }

    @RegisterForReflection
    public record MetaErrorView(int code, String title, String message, String details) {
        public static MetaErrorView of(MetaError error) {
            return error == null ? null : new MetaErrorView(error.code(), error.title(), error.message(), error.details());
        }
    }

    /** {@code id}: the stored send's; left out for a read receipt, which is not stored. */
    @RegisterForReflection
    public record NotDeliveredView(String error, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String id,
            MetaErrorView metaError) {
    }

    /** The message a read receipt marked, and whether the customer is shown that an agent is typing. */
    @RegisterForReflection
    public record ReadView(String ticket, String wamid, boolean typing) {
    }

    @RegisterForReflection
    public record RouteView(String kind, String target) {
    }

    /** Counts per outcome: failures by Meta code and skips by reason in their own maps. */
    @RegisterForReflection
    public record CountsView(long pending, long sent, long delivered, long read, long unknown,
            Map<String, Long> failed, Map<String, Long> skipped) {

        static CountsView of(Map<String, Long> counts) {
            Map<String, Long> failed = new TreeMap<>();
            Map<String, Long> skipped = new TreeMap<>();
            counts.forEach((name, count) -> {
                if (name.startsWith("failed.")) {
                    failed.put(name.substring("failed.".length()), count);
                } else if (name.startsWith("skipped.")) {
                    skipped.put(name.substring("skipped.".length()), count);
                }
            });
            return new CountsView(counts.getOrDefault("pending", 0L), counts.getOrDefault("sent", 0L),
                    counts.getOrDefault("delivered", 0L), counts.getOrDefault("read", 0L),
                    counts.getOrDefault("unknown", 0L), failed, skipped);
        }
    }

    /**
     * A row of a campaign: {@code phone} as written and its digits ({@code waId}, null when they make no
     * phone number) for a row named by phone; {@code userId} as written for a row named by user id.
     */
    @RegisterForReflection
    public record RecipientView(int row, String phone, String waId, String userId, String outcome, String skipReason,
            String wamid, MetaErrorView error) {
        static RecipientView of(Recipient recipient) {
            return new RecipientView(recipient.row(), recipient.named().phone().orElse(null),
                    recipient.named().waId().orElse(null), recipient.named().userId().orElse(null),
                    recipient.outcome().code(), recipient.skipReason().map(reason -> reason.code()).orElse(null),
                    recipient.wamid().orElse(null), recipient.error().map(MetaErrorView::of).orElse(null));
        }
    }

    @RegisterForReflection
    public record CampaignView(String id, String state, String phoneNumberId, String template, String language,
            RouteView replyRouting, String createdBy, Instant createdAt, int total, CountsView counts,
            List<RecipientView> recipients, Integer nextAfter) {

        public static CampaignView of(CampaignStore.Campaign campaign, List<Recipient> recipients,
                Integer nextAfter) {
            return new CampaignView(campaign.id(), campaign.state().name(), campaign.phoneNumberId(),
                    campaign.templateName(), campaign.templateLanguage(),
                    campaign.replyRoute().map(route -> new RouteView(route.kind(), route.target())).orElse(null),
                    campaign.createdBy(), campaign.createdAt(), campaign.total(), CountsView.of(campaign.counts()),
                    recipients.stream().map(RecipientView::of).toList(), nextAfter);
        }

        public static CampaignView of(Campaigns.Report report) {
            return of(report.campaign(), report.recipients(), report.nextAfter().orElse(null));
        }
    }
}
