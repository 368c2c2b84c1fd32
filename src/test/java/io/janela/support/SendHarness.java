package io.janela.support;

import io.janela.adapters.dynamodb.DynamoTicketEditStore;
import io.janela.application.campaign.CampaignDriver;
import io.janela.application.campaign.Campaigns;
import io.janela.application.outbound.Gatekeeper;
import io.janela.application.outbound.MetaFailures;
import io.janela.application.outbound.SendService;
import io.janela.config.JanelaConfig;
import io.janela.config.SettingsProducer;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;

/**
 * The send side wired by hand on the harness's tables: the real services and DynamoDB stores,
 * with Meta played by a recording sender that accepts everything unless told otherwise.
 */
public final class SendHarness {

    public final IngestHarness desk;
    /** Meta as a test double: every message is recorded and accepted unless the test says otherwise. */
    public final RecordingSender meta = new RecordingSender();
    public final SendService sends;
    public final Campaigns campaigns;
    public final CampaignDriver driver;

    public SendHarness(IngestHarness desk, Clock clock) {
        this(desk, clock, Map.of());
    }

    public SendHarness(IngestHarness desk, Clock clock, Map<String, String> settings) {
        this.desk = desk;
        JanelaConfig config = config(settings);
        MetaFailures failures = new MetaFailures(desk.contacts, desk.outbound, desk.directory);
        Gatekeeper gatekeeper = new Gatekeeper(desk.contacts, desk.directory, SettingsProducer.window(config));
        this.sends = new SendService(desk.contacts, desk.resolver, desk.directory, desk.outbound, meta, failures,
                new DynamoTicketEditStore(desk.dynamo, desk.tables.contacts()), gatekeeper, clock);
        this.campaigns = new Campaigns(desk.campaigns, desk.directory, gatekeeper, clock, SettingsProducer.campaigns(config));
        this.driver = new CampaignDriver(desk.campaigns, desk.contacts, desk.resolver, desk.directory, desk.outbound, meta, failures,
                gatekeeper, clock, SettingsProducer.campaigns(config));
    }

    /**
     * The team most send tests need: Bia, who may send active messages, Caio, who may not, and the
     * utility template {@code pedido_atualizado} (one parameter), approved by Meta at {@code approvedAt}.
     */
    public void team(Instant approvedAt) {
        desk.directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, true));
        desk.directory.putAgent(new Agent(CAIO, "Caio", AgentStatus.ONLINE, false));
        desk.directory.putTemplate(new Template("pedido_atualizado", "pt_BR", Optional.of("UTILITY"), 1, true, Optional.empty()));
        desk.directory.recordTemplateStatus(new TemplateStatusChange("pedido_atualizado", "pt_BR", "APPROVED", null, approvedAt));
    }

    public static final String BIA = "bia@desk.example";
    public static final String CAIO = "caio@desk.example";

    /** Janela's settings with their defaults, as Quarkus would map them, plus the overrides given. */
    public static JanelaConfig config(Map<String, String> settings) {
        return TestSettings.janela(settings);
    }
}
