package io.janela.application.campaign;

import io.janela.domain.contact.ContactKey;
import io.janela.application.LogText;
import io.janela.application.campaign.CampaignStore.Campaign;
import io.janela.application.campaign.CampaignStore.State;
import io.janela.application.directory.Agents;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.directory.NotAnAgent;
import io.janela.application.outbound.Gatekeeper;
import io.janela.domain.campaign.Audience;
import io.janela.domain.campaign.Recipient;
import io.janela.domain.outbound.OutboundGate;
import io.janela.domain.outbound.Refusal;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.template.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;

/** Creates campaigns (a template to many contacts) after the checks that hold for all of them. */
@ApplicationScoped
public class Campaigns {

    private static final Logger LOG = Logger.getLogger(Campaigns.class);

    private final CampaignStore store;
    private final DirectoryStore directory;
    private final Agents agents;
    private final Gatekeeper gatekeeper;
    private final Clock clock;
    private final int maxRecipients;

    @Inject
    public Campaigns(CampaignStore store, DirectoryStore directory, Gatekeeper gatekeeper, Clock clock,
            CampaignSettings settings) {
        this.store = store;
        this.directory = directory;
        this.agents = new Agents(directory);
        this.gatekeeper = gatekeeper;
        this.clock = clock;
        this.maxRecipients = settings.maxRecipients();
    }

    /**
     * {@code audience} builds the audience once the template's parameter count is known.
     * {@code idempotencyKey}, when given, makes a retried request find the campaign it created.
     */
    public record CreateCommand(String actorEmail, String phoneNumberId, String templateName, String templateLanguage,
            Optional<ReplyRoute> replyRoute, IntFunction<Audience> audience, Optional<String> idempotencyKey) {
        public CreateCommand {
            ContactKey.checkedPhoneNumberId(phoneNumberId);
            if (replyRoute.filter(ReplyRoute.ToAgent.class::isInstance).isPresent()) {
                throw new IllegalArgumentException("replyRouting: a campaign routes replies to a department or a flow, not to one agent");
            }
        }
    }

    public sealed interface CreateResult {
    }

    public record Created(Campaign campaign, boolean alreadyExisted) implements CreateResult {
    }

    public record Refused(Refusal refusal) implements CreateResult {
    }

    /** Refused with {@link NotAnAgent} before anything is read or written for an actor who is not an agent. */
    public CreateResult create(CreateCommand command) {
        Agent actor = agents.acting(command.actorEmail());
        OutboundGate.Desk desk = gatekeeper.desk(command.phoneNumberId(), command.templateName(), command.templateLanguage());
        Optional<Template> template = desk.template();
        Optional<Refusal> refusal = gatekeeper.campaignProblem(new OutboundGate.CampaignMessage(actor,
                command.templateName(), command.templateLanguage(), template.flatMap(Template::category)), desk);
        if (refusal.isPresent()) {
            return new Refused(refusal.get());
        }
        Audience audience = command.audience().apply(template.get().parameterCount());
        if (audience.rows().isEmpty()) {
            throw new IllegalArgumentException("audience: no recipients");
        }
        if (audience.rows().size() > maxRecipients) {
            throw new IllegalArgumentException("audience: at most " + maxRecipients + " recipients per campaign, got "
                    + audience.rows().size());
        }
        String id = command.idempotencyKey().map(key -> idFor(actor.email(), key)).orElseGet(Campaigns::randomId);
        Campaign campaign = new Campaign(id, command.phoneNumberId(), command.templateName(), command.templateLanguage(),
                template.get().category(), command.replyRoute(), actor.email(), clock.instant(),
                audience.rows().size(), State.SENDING, 0, Map.of());
        if (!store.create(campaign, audience)) {
            return new Created(store.find(id).orElseThrow(), true);
        }
        LOG.infof("event=campaign_created campaign=%s recipients=%d sendable=%d by=%s", id, audience.rows().size(),
                audience.sendable(), LogText.of(actor.email()));
        return new Created(store.find(id).orElseThrow(), false);
    }

    public record Report(Campaign campaign, List<Recipient> recipients, Optional<Integer> nextAfter) {
    }

    public Optional<Report> report(String id, int afterRow, int limit) {
        return store.find(id).map(campaign -> {
            CampaignStore.Page page = store.recipients(id, afterRow, limit);
            return new Report(campaign, page.rows(), page.nextAfter());
        });
    }

    /** The same caller and key always name the same campaign. */
    static String idFor(String actor, String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((actor + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return "c" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String randomId() {
        return "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
