package io.janela.application.campaign;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.application.directory.NotAnAgent;
import io.janela.support.TestContacts;
import static io.janela.support.MetaPayloads.callbackData;
import static io.janela.support.MetaPayloads.notification;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.campaign.CampaignDriver.RunReport;
import io.janela.application.campaign.CampaignStore.Campaign;
import io.janela.domain.campaign.Recipient;
import io.janela.application.campaign.CampaignStore.State;
import io.janela.application.campaign.Campaigns.CreateCommand;
import io.janela.application.campaign.Campaigns.Created;
import io.janela.application.campaign.Campaigns.Refused;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.outbound.OutboundStore;
import io.janela.domain.campaign.Audience;
import io.janela.domain.campaign.RecipientOutcome;
import io.janela.domain.campaign.SkipReason;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundMessage;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.domain.ticket.Ticket;
import io.janela.support.CampaignHarness;
import io.janela.support.ConflictingTransactions;
import io.janela.support.MetaPayloads;
import io.janela.support.MetaPayloads.Who;
import io.janela.support.MutableClock;
import io.janela.support.RecordingSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Campaigns end to end on DynamoDB Local: creation and its refusals, the driver's paced,
 * resumable runs, and the webhooks (customer messages, statuses, preferences) that shape them.
 */
class CampaignsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String MARINA = "marina@loja.example.com";
    private static final String JOAO = "joao@loja.example.com";
    private static final String PROMO = "promo_black_friday";
    private static final String PT_BR = "pt_BR";

    private static final String ANA = "5511987654321";
    private static final String BRUNO = "5521912345678";
    private static final String CARLA = "5531933330001";
    private static final String DAVI = "5541944440002";
    private static final String EVA = "5551955550003";
    private static final String FABIO = "5561966660004";
    private static final String GIOVANA = "5571977770005";
    /** Customers named by their business-scoped user ids (BSUIDs). */
    private static final String HELENA_USER = "US.13491208655302741918";
    private static final String IARA = "5581988880006";
    private static final String IARA_USER = "BR.1087330924463622";
    private static final String JULIA_USER = "BR.77001122334455";
    private static final String ACCESS_CODE = "codigo_de_acesso";

    /** Fast pacing so the tests do not wait; one worker unless a test is about concurrency. */
    private static final Map<String, String> QUICK = Map.of(
            "janela.campaigns.rate", "1000",
            "janela.campaigns.concurrency", "1");

    private final List<CampaignHarness> opened = new ArrayList<>();
    /**
     * Janela's clock where campaigns are created and webhooks received, a minute before the driver runs;
     * a test moves it on to receive what Meta dates later ({@link #received}).
     */
    private final MutableClock clock = new MutableClock(T0.minusSeconds(60));

    @AfterEach
    void closeClients() {
        opened.forEach(CampaignHarness::close);
    }

    /** A desk that may send the two-parameter PROMO template: MARINA holds the permission, JOAO does not. */
    private CampaignHarness desk(Map<String, String> settings, ExecutionInterceptor... interceptors) {
        CampaignHarness harness = new CampaignHarness(clock, settings, interceptors);
        opened.add(harness);
        DirectoryStore directory = harness.stores.directory;
        directory.putAgent(new Agent(MARINA, "Marina", AgentStatus.ONLINE, true));
        directory.putAgent(new Agent(JOAO, "João", AgentStatus.ONLINE, false));
        directory.putTemplate(new Template(PROMO, PT_BR, Optional.of("MARKETING"), 2, true, Optional.empty()));
        directory.recordTemplateStatus(new TemplateStatusChange(PROMO, PT_BR, "APPROVED", null, T0.minus(Duration.ofDays(3))));
        directory.putActiveMessagePolicy(ActiveMessagePolicy.PERMITTED_AGENTS);
        return harness;
    }

    private CampaignHarness desk() {
        return desk(QUICK);
    }

    private static CreateCommand csvCampaign(String actor, String csv) {
        return command(actor, parameters -> Audience.fromCsv(csv, parameters), Optional.empty(), Optional.empty());
    }

    private static CreateCommand command(String actor, IntFunction<Audience> audience, Optional<ReplyRoute> route,
            Optional<String> idempotencyKey) {
        return new CreateCommand(actor, PHONE_NUMBER_ID, PROMO, PT_BR, route, audience, idempotencyKey);
    }

    private static Campaign created(CampaignHarness desk, CreateCommand command) {
        return assertInstanceOf(Created.class, desk.campaigns.create(command)).campaign();
    }

    /** One sendable row per wa_id, with parameters named after the row. */
    private static String csvOf(List<String> waIds) {
        return "phone,name,coupon\n" + IntStream.range(0, waIds.size())
                .mapToObj(i -> waIds.get(i) + ",Cliente " + (i + 1) + ",CUPOM" + (i + 1))
                .collect(Collectors.joining("\n"));
    }

    private static List<String> customers(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format(Locale.ROOT, "55119%08d", i)).toList();
    }

    private static Campaign campaign(CampaignHarness desk, String id) {
        return desk.campaigns.report(id, 0, 1).orElseThrow().campaign();
    }

    private static List<Recipient> rows(CampaignHarness desk, String id) {
        List<Recipient> rows = new ArrayList<>();
        Optional<Integer> after = Optional.of(0);
        while (after.isPresent()) {
            Campaigns.Report page = desk.campaigns.report(id, after.get(), 100).orElseThrow();
            rows.addAll(page.recipients());
            after = page.nextAfter();
        }
        return rows;
    }

    private static Recipient row(CampaignHarness desk, String id, int number) {
        return desk.stores.campaigns.recipient(id, number).orElseThrow();
    }

    /** The report is the sum of its rows: every count matches them, and together they are the audience. */
    private static Map<String, Long> countsAddUp(CampaignHarness desk, String id) {
        Campaign campaign = campaign(desk, id);
        List<Recipient> rows = rows(desk, id);
        assertEquals(campaign.total(), rows.size(), "one row per recipient");
        assertEquals(rows.stream().collect(groupingBy(Recipient::countName, counting())), campaign.counts(),
                "the counts are the rows'");
        assertEquals(campaign.total(), campaign.counts().values().stream().mapToLong(Long::longValue).sum());
        return campaign.counts();
    }

    private static String callback(String id, int row) {
        return "janela:campaign:" + id + ":" + row;
    }

    private static Map<String, Long> counts(Object... nameThenCount) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < nameThenCount.length; i += 2) {
            counts.put((String) nameThenCount[i], ((Number) nameThenCount[i + 1]).longValue());
        }
        return counts;
    }

    private static void assertNothingWritten(CampaignHarness desk) {
        assertEquals(List.of(), desk.stores.campaigns.activeCampaigns());
        assertEquals(List.of(), desk.stores.directoryState().stream().filter(item -> item.contains("CAMPAIGN")).toList());
    }

    /** The desk blocks a customer (one a send made a contact, if Janela had not seen them). */
    private static void block(CampaignHarness desk, String ref) {
        ContactKey contact = desk.stores.contactFor(ref);
        desk.stores.dynamo.updateItem(request -> request.tableName(desk.stores.tables.contacts())
                .key(TestContacts.itemKey(contact, "PROFILE"))
                .updateExpression("SET blocked = :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
    }

    /**
     * Meta delivers {@code payload} at {@code at}: Janela's clock reads {@code at} when it arrives (a
     * timestamp ahead of the clock counts as the time of receipt).
     */
    private void received(CampaignHarness desk, Instant at, MetaPayloads payload) {
        clock.set(at);
        desk.deliver(payload);
    }

    private static Map<String, OutboundMessage> byRecipient(RecordingSender meta) {
        return meta.messages().stream().collect(Collectors.toMap(message -> message.address().value(), message -> message));
    }

    // ---- audience and recipient checks

    @Test
    void aCsvAudienceSendsEachReachableRecipientOnceWithTheirOwnParameters() {
        CampaignHarness desk = desk(Map.of("janela.campaigns.rate", "1000", "janela.campaigns.concurrency", "4"));
        block(desk, CARLA);
        desk.deliver(notification().marketingPreference(DAVI, "stop", T0.minus(Duration.ofDays(1))));
        desk.deliver(notification().text(EVA, "Eva", "wamid.EVA1", T0.minus(Duration.ofHours(1)), "Cadê meu pedido?"));
        String csv = """
                phone,name,coupon
                +55 (11) 98765-4321,Ana,ANA10
                12345,Zé,ZE10
                5511987654321,Ana de novo,ANA20
                5521912345678,Bruno,
                5531933330001,Carla,CARLA10
                5541944440002,Davi,DAVI10
                5551955550003,Eva,EVA10
                5561966660004,Fábio,FABIO10
                "5571977770005","Giovana ""Gi"", a prima",GI10
                """;

        Campaign campaign = created(desk, csvCampaign(MARINA, csv));

        assertEquals(9, campaign.total());
        assertEquals(counts("pending", 6, "skipped.invalid_phone", 1, "skipped.duplicate", 1,
                "skipped.missing_parameter", 1), countsAddUp(desk, campaign.id()));
        assertEquals(Optional.of(SkipReason.INVALID_PHONE), row(desk, campaign.id(), 2).skipReason());
        assertEquals(Optional.of(SkipReason.DUPLICATE), row(desk, campaign.id(), 3).skipReason());
        assertEquals(Optional.of(SkipReason.MISSING_PARAMETER), row(desk, campaign.id(), 4).skipReason());

        RecordingSender meta = new RecordingSender();
        RunReport run = desk.driver(meta, Clock.fixed(T0, ZoneOffset.UTC)).run();

        Map<String, OutboundMessage> sent = byRecipient(meta);
        assertEquals(3, meta.messages().size(), "each reachable recipient once: " + meta.recipients());
        assertEquals(List.of(ANA, FABIO, GIOVANA), sent.keySet().stream().sorted().toList());
        assertEquals(new OutboundContent.Template(PROMO, PT_BR, List.of("Ana", "ANA10")), sent.get(ANA).content());
        assertEquals(new OutboundContent.Template(PROMO, PT_BR, List.of("Fábio", "FABIO10")), sent.get(FABIO).content());
        assertEquals(new OutboundContent.Template(PROMO, PT_BR, List.of("Giovana \"Gi\", a prima", "GI10")),
                sent.get(GIOVANA).content());
        assertEquals(Optional.of(callback(campaign.id(), 1)), sent.get(ANA).callbackData());
        assertEquals(Optional.of(callback(campaign.id(), 8)), sent.get(FABIO).callbackData());
        assertEquals(Optional.of(callback(campaign.id(), 9)), sent.get(GIOVANA).callbackData());
        assertEquals(PHONE_NUMBER_ID, sent.get(ANA).to().phoneNumberId());

        assertEquals(Optional.of(SkipReason.BLOCKED), row(desk, campaign.id(), 5).skipReason());
        assertEquals(Optional.of(SkipReason.BROADCAST_OPT_OUT), row(desk, campaign.id(), 6).skipReason());
        assertEquals(Optional.of(SkipReason.OPEN_TICKET), row(desk, campaign.id(), 7).skipReason());
        assertTrue(row(desk, campaign.id(), 1).wamid().isPresent());
        assertEquals(counts("sent", 3, "skipped.invalid_phone", 1, "skipped.duplicate", 1, "skipped.missing_parameter", 1,
                "skipped.blocked", 1, "skipped.broadcast_opt_out", 1, "skipped.open_ticket", 1),
                countsAddUp(desk, campaign.id()));
        assertEquals(new RunReport(1, 3, 0, 3, 0, 0, 0), run);
        assertEquals(State.DONE, campaign(desk, campaign.id()).state());
    }

    @Test
    void aJsonAudienceIsCheckedAndSentTheSameWay() {
        CampaignHarness desk = desk();
        block(desk, CARLA);
        List<Audience.Entry> entries = List.of(
                Audience.Entry.phone(ANA, List.of("Ana", "ANA10")),
                Audience.Entry.phone("not a phone", List.of("Zé", "ZE10")),
                Audience.Entry.phone("+" + ANA, List.of("Ana", "ANA20")),
                Audience.Entry.phone(BRUNO, List.of("Bruno")),
                Audience.Entry.phone(CARLA, List.of("Carla", "CARLA10")),
                Audience.Entry.phone(DAVI, List.of("Davi", "DAVI10")));

        Campaign campaign = created(desk, command(MARINA, parameters -> Audience.of(entries, parameters),
                Optional.empty(), Optional.empty()));
        RecordingSender meta = new RecordingSender();
        desk.driver(meta, Clock.fixed(T0, ZoneOffset.UTC)).run();

        assertEquals(List.of(ANA, DAVI), meta.recipients());
        assertEquals(List.of("Davi", "DAVI10"), ((OutboundContent.Template) meta.messages().get(1).content()).parameters());
        assertEquals(Optional.of(callback(campaign.id(), 6)), meta.messages().get(1).callbackData());
        assertEquals(counts("sent", 2, "skipped.invalid_phone", 1, "skipped.duplicate", 1, "skipped.missing_parameter", 1,
                "skipped.blocked", 1), countsAddUp(desk, campaign.id()));
    }

    // ---- recipients named by business-scoped user id

    /** Iara: Janela sent to her phone once, and the statuses of that message told her user id. */
    private void iaraKnownByPhoneAndUserId(CampaignHarness desk) {
        desk.stores.contactFor(IARA);
        desk.deliver(notification().status(Who.both(IARA, IARA_USER), "wamid.IARA0", "read",
                T0.minus(Duration.ofHours(2)), node -> { }));
    }

    private static List<CustomerId> addresses(RecordingSender meta) {
        return meta.messages().stream().map(OutboundMessage::address).toList();
    }

    @Test
    void aCsvAudienceByUserIdReachesEachCustomerOnceAndAtTheirPhoneWhenJanelaKnowsIt() {
        CampaignHarness desk = desk();
        iaraKnownByPhoneAndUserId(desk);
        block(desk, JULIA_USER);
        String csv = """
                user_id,name,coupon
                %s,Helena,HELENA10
                %s,Iara,IARA10
                5511987654321,Ana,ANA10
                us.13491208655302741918,Helena,HELENA20
                  %s  ,Helena de novo,HELENA30
                %s,Júlia,JULIA10
                """.formatted(HELENA_USER, IARA_USER, HELENA_USER, JULIA_USER);

        Campaign campaign = created(desk, csvCampaign(MARINA, csv));

        assertEquals(counts("pending", 3, "skipped.invalid_user_id", 2, "skipped.duplicate", 1),
                countsAddUp(desk, campaign.id()));
        assertEquals(Optional.of(SkipReason.INVALID_USER_ID), row(desk, campaign.id(), 3).skipReason(),
                "a phone number is no user id");
        assertEquals(Optional.of(SkipReason.INVALID_USER_ID), row(desk, campaign.id(), 4).skipReason(),
                "a user id is taken as Meta wrote it, never normalised");
        assertEquals(Optional.of(SkipReason.DUPLICATE), row(desk, campaign.id(), 5).skipReason());

        RecordingSender meta = new RecordingSender();
        desk.driver(meta, Clock.fixed(T0, ZoneOffset.UTC)).run();

        assertEquals(List.of(new CustomerId.Bsuid(HELENA_USER), new CustomerId.WaId(IARA)), addresses(meta),
                "Helena at her user id; Iara at her phone, as Meta recommends, though the row named her user id");
        ContactKey helena = desk.stores.key(HELENA_USER);
        assertEquals(helena, meta.messages().get(0).to(), "the first send made Helena a contact");
        assertEquals(Optional.of(new CustomerId.Bsuid(HELENA_USER)),
                desk.stores.contacts.findContact(helena).orElseThrow().profile().identity().userId());
        assertEquals(Optional.empty(), desk.stores.contacts.findContact(helena).orElseThrow().profile().identity().waId());
        assertEquals(desk.stores.key(IARA), meta.messages().get(1).to());
        assertEquals(Optional.of(SkipReason.BLOCKED), row(desk, campaign.id(), 6).skipReason());
        Recipient first = row(desk, campaign.id(), 1);
        assertEquals(Optional.of(HELENA_USER), first.named().userId());
        assertEquals(Optional.empty(), first.named().phone());
        assertEquals(Optional.of(HELENA_USER), row(desk, campaign.id(), 5).named().userId(), "trimmed, as written");
        assertEquals(counts("sent", 2, "skipped.invalid_user_id", 2, "skipped.duplicate", 1, "skipped.blocked", 1),
                countsAddUp(desk, campaign.id()));

        // a status of a message sent to a user id names the customer by it alone, and finds its row
        String wamid = first.wamid().orElseThrow();
        desk.deliver(notification().status(Who.user(HELENA_USER), wamid, "delivered", T0.plusSeconds(2),
                callbackData(callback(campaign.id(), 1))));
        assertEquals(RecipientOutcome.DELIVERED, row(desk, campaign.id(), 1).outcome());
        assertEquals("delivered", desk.stores.contactItem(helena, "OUT#" + wamid).get("status").s());
    }

    @Test
    void anAuthenticationTemplateCampaignSkipsCustomersKnownOnlyByUserId() {
        CampaignHarness desk = desk();
        desk.stores.directory.putTemplate(new Template(ACCESS_CODE, PT_BR, Optional.of("AUTHENTICATION"), 1, true,
                Optional.empty()));
        desk.stores.directory.recordTemplateStatus(new TemplateStatusChange(ACCESS_CODE, PT_BR, "APPROVED", null,
                T0.minus(Duration.ofDays(3))));
        iaraKnownByPhoneAndUserId(desk);
        String csv = "user_id,code\n" + HELENA_USER + ",123456\n" + IARA_USER + ",654321\n";
        Campaign campaign = created(desk, new CreateCommand(MARINA, PHONE_NUMBER_ID, ACCESS_CODE, PT_BR, Optional.empty(),
                parameters -> Audience.fromCsv(csv, parameters), Optional.empty()));

        RecordingSender meta = new RecordingSender();
        desk.driver(meta, Clock.fixed(T0, ZoneOffset.UTC)).run();

        assertEquals(List.of(new CustomerId.WaId(IARA)), addresses(meta), "Meta delivers authentication templates to phones only");
        assertEquals(Optional.of(SkipReason.PHONE_REQUIRED), row(desk, campaign.id(), 1).skipReason());
        assertEquals(counts("sent", 1, "skipped.phone_required", 1), countsAddUp(desk, campaign.id()));
        assertEquals(Optional.empty(), TestContacts.find(desk.stores.dynamo, desk.stores.tables.contacts(), HELENA_USER),
                "a customer the campaign did not reach is not made a contact");
    }

    @Test
    void aJsonAudienceNamesEachRecipientByWaIdOrByUserId() {
        CampaignHarness desk = desk();
        List<Audience.Entry> entries = List.of(
                Audience.Entry.phone(ANA, List.of("Ana", "ANA10")),
                Audience.Entry.userId(HELENA_USER, List.of("Helena", "HELENA10")),
                Audience.Entry.userId(BRUNO, List.of("Bruno", "BRUNO10")),
                Audience.Entry.userId(HELENA_USER, List.of("Helena", "HELENA20")),
                Audience.Entry.phone(HELENA_USER, List.of("Helena", "HELENA30")));

        Campaign campaign = created(desk, command(MARINA, parameters -> Audience.of(entries, parameters),
                Optional.empty(), Optional.empty()));
        RecordingSender meta = new RecordingSender();
        desk.driver(meta, Clock.fixed(T0, ZoneOffset.UTC)).run();

        assertEquals(List.of(new CustomerId.WaId(ANA), new CustomerId.Bsuid(HELENA_USER)), addresses(meta));
        assertEquals(Optional.of(SkipReason.INVALID_USER_ID), row(desk, campaign.id(), 3).skipReason(),
                "a phone number in userId is no user id");
        assertEquals(Optional.of(SkipReason.INVALID_PHONE), row(desk, campaign.id(), 5).skipReason(),
                "nor a user id in waId a phone number");
        assertEquals(counts("sent", 2, "skipped.invalid_user_id", 1, "skipped.duplicate", 1, "skipped.invalid_phone", 1),
                countsAddUp(desk, campaign.id()));
    }

    @Test
    void theCsvNamesItsRecipientsInExactlyOneIdColumn() {
        CampaignHarness desk = desk();

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> desk.campaigns.create(
                csvCampaign(MARINA, "phone,user_id,name\n" + ANA + "," + HELENA_USER + ",Ana\n")));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> desk.campaigns.create(
                csvCampaign(MARINA, "cliente,name,coupon\n" + HELENA_USER + ",Helena,HELENA10\n")));

        assertTrue(both.getMessage().contains("exactly one id column"), both.getMessage());
        assertTrue(none.getMessage().contains("user_id"), none.getMessage());
        assertNothingWritten(desk);
    }

    // ---- what creation refuses, writing nothing

    @Test
    void noCampaignWhileTheDeskSendsNoActiveMessages() {
        CampaignHarness desk = desk();
        desk.stores.directory.putActiveMessagePolicy(ActiveMessagePolicy.BLOCKED);

        Refused refused = assertInstanceOf(Refused.class, desk.campaigns.create(csvCampaign(MARINA, csvOf(List.of(ANA)))));

        assertEquals("active_messages_blocked", refused.refusal().code());
        assertNothingWritten(desk);
    }

    @Test
    void onlyPermittedAgentsCreateCampaignsUnlessTheDeskAllowsEveryone() {
        CampaignHarness desk = desk();

        Refused refused = assertInstanceOf(Refused.class, desk.campaigns.create(csvCampaign(JOAO, csvOf(List.of(ANA)))));

        assertEquals("agent_not_permitted", refused.refusal().code());
        assertNothingWritten(desk);
        desk.stores.directory.putActiveMessagePolicy(ActiveMessagePolicy.ALLOWED);
        assertInstanceOf(Created.class, desk.campaigns.create(csvCampaign(JOAO, csvOf(List.of(ANA)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENDING", "REJECTED", "PAUSED", "disabled for the desk", "unknown to the desk"})
    void noCampaignWithATemplateThatIsNotApprovedEnabledAndKnown(String state) {
        CampaignHarness desk = desk();
        DirectoryStore directory = desk.stores.directory;
        String template = "aviso_de_entrega";
        if (!state.equals("unknown to the desk")) {
            directory.putTemplate(new Template(template, PT_BR, Optional.of("UTILITY"), 2,
                    !state.equals("disabled for the desk"), Optional.empty()));
            directory.recordTemplateStatus(new TemplateStatusChange(template, PT_BR,
                    state.startsWith("disabled") ? "APPROVED" : state, null, T0.minus(Duration.ofDays(1))));
        }

        Refused refused = assertInstanceOf(Refused.class, desk.campaigns.create(new CreateCommand(MARINA, PHONE_NUMBER_ID,
                template, PT_BR, Optional.empty(), parameters -> Audience.fromCsv(csvOf(List.of(ANA)), parameters),
                Optional.empty())));

        assertEquals("template_not_approved", refused.refusal().code());
        assertNothingWritten(desk);
    }

    @Test
    void aCampaignRoutesRepliesToADepartmentOrAFlowNeverToOneAgent() {
        CampaignHarness desk = desk();

        assertThrows(IllegalArgumentException.class, () -> desk.campaigns.create(command(MARINA,
                parameters -> Audience.fromCsv(csvOf(List.of(ANA)), parameters),
                Optional.of(new ReplyRoute.ToAgent(MARINA)), Optional.empty())));

        assertNothingWritten(desk);
    }

    @Test
    void theCsvHasOneColumnPerTemplateParameter() {
        CampaignHarness desk = desk();

        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> desk.campaigns.create(csvCampaign(MARINA, "phone,name\n" + ANA + ",Ana\n")));
        assertThrows(IllegalArgumentException.class,
                () -> desk.campaigns.create(csvCampaign(MARINA, "phone,name,coupon,city\n" + ANA + ",Ana,ANA10,Recife\n")));

        assertTrue(tooFew.getMessage().contains("2 parameters"), tooFew.getMessage());
        assertNothingWritten(desk);
    }

    @Test
    void onlyAnAgentOfTheDeskCreatesCampaigns() {
        CampaignHarness desk = desk();

        NotAnAgent stranger = assertThrows(NotAnAgent.class,
                () -> desk.campaigns.create(csvCampaign("visitante@example.com", csvOf(List.of(ANA)))));

        assertEquals("visitante@example.com", stranger.email());
        assertNothingWritten(desk);
    }

    // ---- idempotency and resuming

    @Test
    void theSameCallerAndKeyNameTheSameCampaignAndLeaveItsRowsAlone() {
        CampaignHarness desk = desk();
        desk.stores.directory.putActiveMessagePolicy(ActiveMessagePolicy.ALLOWED);
        String csv = csvOf(List.of(ANA, BRUNO, CARLA));
        IntFunction<Audience> audience = parameters -> Audience.fromCsv(csv, parameters);
        Created first = assertInstanceOf(Created.class,
                desk.campaigns.create(command(MARINA, audience, Optional.empty(), Optional.of("black-friday-1"))));
        RecordingSender meta = new RecordingSender();
        desk.driver(meta, Clock.fixed(T0, ZoneOffset.UTC)).run();
        List<String> afterTheRun = desk.stores.directoryState();

        Created retried = assertInstanceOf(Created.class,
                desk.campaigns.create(command(MARINA, audience, Optional.empty(), Optional.of("black-friday-1"))));

        assertFalse(first.alreadyExisted());
        assertTrue(retried.alreadyExisted());
        assertEquals(first.campaign().id(), retried.campaign().id());
        assertEquals(afterTheRun, desk.stores.directoryState(), "the retried request wrote nothing");
        assertEquals(counts("sent", 3), countsAddUp(desk, first.campaign().id()));
        assertEquals(List.of(ANA, BRUNO, CARLA), meta.recipients());
        assertEquals(new RunReport(0, 0, 0, 0, 0, 0, 0), desk.driver(meta, Clock.fixed(T0, ZoneOffset.UTC)).run());
        assertEquals(3, meta.messages().size());

        Created joaos = assertInstanceOf(Created.class,
                desk.campaigns.create(command(JOAO, audience, Optional.empty(), Optional.of("black-friday-1"))));
        assertFalse(joaos.alreadyExisted(), "a key belongs to its caller");
        assertNotEquals(first.campaign().id(), joaos.campaign().id());
    }

    @Test
    void aRunThatDiesMidBatchIsResumedWithoutSendingAnyoneTwice() {
        CampaignHarness desk = desk();
        List<String> audience = customers(30);
        Campaign campaign = created(desk, csvCampaign(MARINA, csvOf(audience)));
        MutableClock clock = new MutableClock(T0);
        RecordingSender meta = new RecordingSender().dieAfter(3);

        assertThrows(IllegalStateException.class, () -> desk.driver(meta, clock).run());

        assertEquals(audience.subList(0, 4), meta.recipients(), "the fourth send reached Meta, then the invocation died");
        assertEquals(RecipientOutcome.SENDING, row(desk, campaign.id(), 4).outcome());
        assertEquals(RecipientOutcome.PENDING, row(desk, campaign.id(), 5).outcome());

        meta.revive();
        assertEquals(0, desk.driver(meta, clock).run().campaigns(), "the dead run's lease still holds the campaign");
        clock.set(T0.plus(Duration.ofMinutes(2)));
        RunReport resumed = desk.driver(meta, clock).run();

        assertEquals(1, resumed.unknown());
        assertEquals(26, resumed.sent());
        assertEquals(audience, meta.recipients(), "everyone once, in audience order");
        assertEquals(RecipientOutcome.UNKNOWN, row(desk, campaign.id(), 4).outcome());
        assertEquals(counts("sent", 29, "unknown", 1), countsAddUp(desk, campaign.id()));
        assertEquals(State.DONE, campaign(desk, campaign.id()).state());

        clock.set(T0.plus(Duration.ofMinutes(3)));
        assertEquals(new RunReport(0, 0, 0, 0, 0, 0, 0), desk.driver(meta, clock).run());
        assertEquals(30, meta.messages().size());

        // Meta did take it: its statuses carry the callback data and settle the row
        received(desk, T0.plus(Duration.ofMinutes(4)), notification().status(audience.get(3), "wamid.LOST4", "delivered",
                T0.plus(Duration.ofMinutes(4)), callbackData(callback(campaign.id(), 4))));
        assertEquals(RecipientOutcome.DELIVERED, row(desk, campaign.id(), 4).outcome());
        assertEquals(Optional.of("wamid.LOST4"), row(desk, campaign.id(), 4).wamid());
        assertEquals(counts("sent", 29, "delivered", 1), countsAddUp(desk, campaign.id()));
    }

    @Test
    void aRunStopsAtItsDeadlineAndTheNextScheduledRunContinuesFromItsCheckpoint() {
        // the settings and schedule SAM deploys: 40 s batches, a run every minute
        CampaignHarness desk = desk(Map.of("janela.campaigns.rate", "1000", "janela.campaigns.concurrency", "1",
                "janela.campaigns.batch-time", "40S"));
        List<String> audience = customers(250);
        Campaign campaign = created(desk, csvCampaign(MARINA, csvOf(audience)));
        MutableClock clock = new MutableClock(T0, Duration.ofSeconds(1));
        RecordingSender meta = new RecordingSender();

        RunReport first = desk.driver(meta, clock).run();

        Campaign paused = campaign(desk, campaign.id());
        assertTrue(first.sent() > 0 && first.sent() < audience.size(), "sent " + first.sent());
        assertEquals(State.SENDING, paused.state());
        assertTrue(paused.cursor() > 0, "checkpoint " + paused.cursor());
        assertEquals(first.sent(), paused.cursor(), "the checkpoint is the last row the run handled");
        assertEquals(1, first.stillSending());

        for (int minute = 1; minute <= 5 && campaign(desk, campaign.id()).state() == State.SENDING; minute++) {
            clock.set(T0.plus(Duration.ofMinutes(minute)));
            RunReport next = desk.driver(meta, clock).run();
            assertTrue(next.sent() > 0, "the run at minute " + minute + " sent nothing");
        }

        assertEquals(audience, meta.recipients(), "everyone once, in audience order");
        assertEquals(State.DONE, campaign(desk, campaign.id()).state());
        assertEquals(counts("sent", 250), countsAddUp(desk, campaign.id()));
    }

    @Test
    void aRowWhoseCountsCollideWithAnotherTransactionIsMovedOnTheNextTry() {
        // every row that moves counts on its campaign's header: concurrent sends and statuses meet there
        ConflictingTransactions dynamo = new ConflictingTransactions();
        CampaignHarness desk = desk(QUICK, dynamo);
        Campaign campaign = created(desk, csvCampaign(MARINA, csvOf(List.of(ANA, BRUNO, CARLA))));
        RecordingSender meta = new RecordingSender();

        dynamo.conflictNext(2);
        RunReport run = desk.driver(meta, Clock.fixed(T0, ZoneOffset.UTC)).run();
        dynamo.conflictNext(1);
        desk.deliver(notification().status(BRUNO, row(desk, campaign.id(), 2).wamid().orElseThrow(), "delivered",
                T0.plusSeconds(3), callbackData(callback(campaign.id(), 2))));

        assertEquals(3, dynamo.cancelled());
        assertEquals(3, run.sent());
        assertEquals(List.of(ANA, BRUNO, CARLA), meta.recipients());
        assertEquals(counts("sent", 2, "delivered", 1), countsAddUp(desk, campaign.id()));
    }

    // ---- the webhook keeps the report current

    @Test
    void statusesMoveRowsForwardOnlyAndAFailureIsFinal() {
        CampaignHarness desk = desk();
        Campaign campaign = created(desk, csvCampaign(MARINA, csvOf(List.of(ANA, BRUNO, CARLA, DAVI))));
        desk.driver(new RecordingSender(), Clock.fixed(T0, ZoneOffset.UTC)).run();
        String id = campaign.id();
        String ana = row(desk, id, 1).wamid().orElseThrow();
        String bruno = row(desk, id, 2).wamid().orElseThrow();
        String carla = row(desk, id, 3).wamid().orElseThrow();

        desk.deliver(notification()
                .status(ANA, ana, "sent", T0.plusSeconds(1), callbackData(callback(id, 1)))
                .status(ANA, ana, "delivered", T0.plusSeconds(2), callbackData(callback(id, 1)))
                .status(ANA, ana, "read", T0.plusSeconds(30), callbackData(callback(id, 1)))
                .failed(BRUNO, bruno, T0.plusSeconds(2), 131026, "Message undeliverable",
                        "Unable to deliver message.", callbackData(callback(id, 2)))
                .status(CARLA, carla, "delivered", T0.plusSeconds(3), callbackData(callback(id, 3))));
        desk.deliver(notification()
                .status(ANA, ana, "delivered", T0.plusSeconds(2), callbackData(callback(id, 1)))
                .status(BRUNO, bruno, "delivered", T0.plusSeconds(4), callbackData(callback(id, 2))));

        assertEquals(RecipientOutcome.READ, row(desk, id, 1).outcome(), "a late delivered does not undo the read");
        assertEquals(RecipientOutcome.FAILED, row(desk, id, 2).outcome(), "failed is final");
        assertEquals(131026, row(desk, id, 2).error().orElseThrow().code());
        assertEquals(RecipientOutcome.DELIVERED, row(desk, id, 3).outcome());
        assertEquals(RecipientOutcome.SENT, row(desk, id, 4).outcome());
        assertEquals(counts("read", 1, "failed.131026", 1, "delivered", 1, "sent", 1), countsAddUp(desk, id));
        assertTrue(desk.stores.contacts.findContact(TestContacts.key(BRUNO)).orElseThrow()
                .profile().undeliverable(), "131026 flags the contact, so the next campaign skips it");
    }

    @Test
    void aReplyWithinADayOpensATicketInTheCampaignsDepartment() {
        CampaignHarness desk = desk();
        created(desk, command(MARINA, parameters -> Audience.fromCsv(csvOf(List.of(ANA, BRUNO)), parameters),
                Optional.of(new ReplyRoute.ToDepartment("vendas")), Optional.empty()));
        desk.driver(new RecordingSender(), Clock.fixed(T0, ZoneOffset.UTC)).run();

        received(desk, T0.plus(Duration.ofHours(2)),
                notification().text(ANA, "Ana", "wamid.ANA1", T0.plus(Duration.ofHours(2)), "Quero o cupom!"));
        received(desk, T0.plus(Duration.ofHours(25)),
                notification().text(BRUNO, "Bruno", "wamid.BRUNO1", T0.plus(Duration.ofHours(25)), "Ainda vale?"));

        Ticket anas = desk.stores.contacts.findContact(TestContacts.key(ANA)).orElseThrow().openTicket().orElseThrow();
        Ticket brunos = desk.stores.contacts.findContact(TestContacts.key(BRUNO)).orElseThrow().openTicket().orElseThrow();
        assertEquals(Optional.of("vendas"), anas.assignment().department());
        assertEquals(Optional.empty(), brunos.assignment().department(), "after 24 h the normal rules apply");
    }

    // ---- Meta's failures

    @Test
    void aTemplateMetaHeldBackIsSentOnceMoreADayLater() {
        CampaignHarness desk = desk();
        Campaign campaign = created(desk, csvCampaign(MARINA, csvOf(List.of(ANA, BRUNO))));
        RecordingSender meta = new RecordingSender();
        MutableClock clock = new MutableClock(T0);
        desk.driver(meta, clock).run();
        String heldBack = row(desk, campaign.id(), 1).wamid().orElseThrow();
        Instant failedAt = T0.plusSeconds(5);

        desk.deliver(notification().failed(ANA, heldBack, failedAt, 131049,
                "This message was not delivered to maintain healthy ecosystem engagement.",
                "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.",
                callbackData(callback(campaign.id(), 1))));

        assertEquals(counts("failed.131049", 1, "sent", 1), countsAddUp(desk, campaign.id()));
        assertEquals(List.of(), desk.stores.outbound.dueRetries(failedAt.plus(Duration.ofHours(24)).minusSeconds(1), 10));
        assertEquals(List.of(new OutboundStore.ScheduledRetry(TestContacts.key(ANA), heldBack,
                failedAt.plus(Duration.ofHours(24)))), desk.stores.outbound.dueRetries(failedAt.plus(Duration.ofHours(24)), 10));
        clock.set(T0.plus(Duration.ofHours(23)));
        assertEquals(0, desk.driver(meta, clock).run().retried());
        assertEquals(2, meta.messages().size(), "nothing before the day is out");

        clock.set(failedAt.plus(Duration.ofHours(24)));
        assertEquals(1, desk.driver(meta, clock).run().retried());
        clock.set(failedAt.plus(Duration.ofHours(25)));
        assertEquals(0, desk.driver(meta, clock).run().retried());

        assertEquals(List.of(ANA, BRUNO, ANA), meta.recipients());
        RecordingSender.Handed retry = meta.handed().get(2);
        assertEquals(meta.messages().get(0).content(), retry.message().content(), "the same template and parameters");
        String retryWamid = retry.wamid().orElseThrow();
        Map<String, AttributeValue> stored = desk.stores.dynamo.getItem(request -> request
                .tableName(desk.stores.tables.contacts())
                .key(Map.of("pk", AttributeValue.fromS("C#" + TestContacts.key(ANA).id()),
                        "sk", AttributeValue.fromS("OUT#" + retryWamid)))).item();
        assertEquals(heldBack, stored.get("retryOf").s());
        assertEquals(campaign.id(), stored.get("campaign").s());

        // held back again: one retry is all a message gets, however often Meta reports it
        received(desk, failedAt.plus(Duration.ofHours(25)), notification().failed(ANA, retryWamid,
                failedAt.plus(Duration.ofHours(25)), 131049,
                "This message was not delivered to maintain healthy ecosystem engagement.", "Held back again."));
        desk.deliver(notification().failed(ANA, heldBack, failedAt, 131049,
                "This message was not delivered to maintain healthy ecosystem engagement.", "Redelivered webhook.",
                callbackData(callback(campaign.id(), 1))));
        assertEquals(List.of(), desk.stores.outbound.dueRetries(T0.plus(Duration.ofDays(5)), 10));
        clock.set(T0.plus(Duration.ofDays(5)));
        desk.driver(meta, clock).run();
        assertEquals(3, meta.messages().size());
    }

    @Test
    void metasThroughputLimitStopsTheRunAndTheRestWaitsForTheBackoff() {
        CampaignHarness desk = desk();
        List<String> audience = List.of(ANA, BRUNO, CARLA, DAVI, EVA);
        Campaign campaign = created(desk, csvCampaign(MARINA, csvOf(audience)));
        RecordingSender meta = new RecordingSender().refuse(CARLA, 130429, "(#130429) Rate limit hit");
        MutableClock clock = new MutableClock(T0);

        RunReport throttled = desk.driver(meta, clock).run();

        assertEquals(List.of(ANA, BRUNO, CARLA), meta.recipients(), "nothing after Meta said to slow down");
        assertEquals(2, throttled.sent());
        assertEquals(1, throttled.failed());
        assertTrue(desk.stores.directory.senderBackoff(PHONE_NUMBER_ID).orElseThrow().activeAt(T0),
                "the business number backs off");
        assertEquals(RecipientOutcome.PENDING, row(desk, campaign.id(), 4).outcome());
        assertEquals(RecipientOutcome.PENDING, row(desk, campaign.id(), 5).outcome());
        assertEquals(counts("sent", 2, "failed.130429", 1, "pending", 2), countsAddUp(desk, campaign.id()));
        assertEquals(State.SENDING, campaign(desk, campaign.id()).state());

        clock.set(T0.plusSeconds(1));
        assertEquals(0, desk.driver(meta, clock).run().sent(), "the campaign waits while the backoff lasts");
        assertEquals(3, meta.messages().size());

        clock.set(desk.stores.directory.senderBackoff(PHONE_NUMBER_ID).orElseThrow().until());
        RunReport resumed = desk.driver(meta, clock).run();

        assertEquals(2, resumed.sent());
        assertEquals(List.of(ANA, BRUNO, CARLA, DAVI, EVA), meta.recipients());
        assertEquals(counts("sent", 4, "failed.130429", 1), countsAddUp(desk, campaign.id()));
        assertEquals(State.DONE, campaign(desk, campaign.id()).state());
    }
}
