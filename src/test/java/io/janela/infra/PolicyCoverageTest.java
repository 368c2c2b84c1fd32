package io.janela.infra;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static io.janela.support.TemplatePolicies.granted;
import static io.janela.support.TemplatePolicies.statements;
import static io.janela.support.TemplatePolicies.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.janela.adapters.dynamodb.DynamoTicketListStore;
import io.janela.adapters.dynamodb.DynamoConversationStore;
import io.janela.adapters.dynamodb.DynamoDirectoryStore;
import io.janela.adapters.dynamodb.DynamoTeamStore;
import io.janela.application.desk.DirectoryLists;
import io.janela.adapters.dynamodb.DynamoTicketEditStore;
import io.janela.application.assignment.Assigner;
import io.janela.application.assignment.StreamAssignmentTrigger;
import io.janela.application.campaign.CampaignDriver;
import io.janela.application.campaign.Campaigns;
import io.janela.application.desk.DirectoryAdmin;
import io.janela.application.desk.ConversationStore;
import io.janela.application.desk.ConversationStore.Paging;
import io.janela.application.desk.Conversations;
import io.janela.application.desk.DeskReads;
import io.janela.application.desk.TeamAdmin;
import io.janela.application.desk.TicketEditor;
import io.janela.application.desk.ClosingByHand;
import io.janela.application.desk.ClosingByHand.CloseCommand;
import io.janela.application.desk.TicketEditStore;
import io.janela.application.desk.TicketList;
import io.janela.application.directory.NotAnAgent;
import io.janela.application.ingest.QuarantineStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.OutboundStore;
import io.janela.application.outbound.SendService;
import io.janela.application.sweep.Sweeper;
import io.janela.domain.campaign.Audience;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.ConversationMessage;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.desk.TicketListing;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.TicketId;
import io.janela.local.SamTemplate;
import io.janela.support.AssignHarness;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads.Who;
import io.janela.support.MetaPayloads;
import io.janela.support.MutableClock;
import io.janela.support.RecordingSender;
import io.janela.support.SendHarness;
import io.janela.support.SweepHarness;
import io.janela.support.TestContacts;
import io.janela.support.TestDynamo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Least privilege, checked against the code: every DynamoDB action a function's code performs on
 * a table or index is granted by its policy in infra/template.yaml, and nothing more is granted.
 * So is the read of Meta's credentials in Secrets Manager: granted where the code checks a webhook
 * signature or hands a message to Meta, and nowhere else.
 */
class PolicyCoverageTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);

    /**
     * Records "dynamodb:Action on LogicalId[/index/Name]" for every call, as IAM would check it, and the
     * partition key ({@code pk}) each one names, which a policy's {@code dynamodb:LeadingKeys} condition
     * checks ("?" where this recorder does not read it from the request: batches and queries).
     */
    private static final class Recorder implements ExecutionInterceptor {
        private static final String UNREAD = "?";
        final Set<String> grants = new ConcurrentSkipListSet<>();
        final Map<String, Set<String>> partitions = new ConcurrentHashMap<>();
        final Map<String, String> logicalIds;

        Recorder(TestDynamo.Tables tables) {
            logicalIds = Map.of(tables.contacts(), "ContactsTable", tables.directory(), "DirectoryTable");
        }

        /**
         * The code used a Meta credential: the app secret of a webhook POST's signature, or the access
         * token of a message handed to Meta (the harnesses' Meta stands in for the Graph sender, which
         * asks the credentials for its token on every send). In AWS those come from the MetaSecret.
         */
        void usedMetaCredentials() {
            grants.add("secretsmanager:GetSecretValue on MetaSecret");
        }

        /** Whatever the harness's Meta was handed needed the access token. */
        void sentThrough(RecordingSender meta) {
            if (!meta.handed().isEmpty()) {
                usedMetaCredentials();
            }
        }

        private void add(String action, String table, Map<String, AttributeValue> key) {
            add(action, table, "", key == null || !key.containsKey("pk") ? UNREAD : key.get("pk").s());
        }

        private void add(String action, String table, String index, String partition) {
            String grant = "dynamodb:" + action + " on " + logicalIds.getOrDefault(table, table) + index;
            grants.add(grant);
            partitions.computeIfAbsent(grant, any -> new ConcurrentSkipListSet<>()).add(partition);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            Object request = context.request();
            if (request instanceof GetItemRequest get) {
                add("GetItem", get.tableName(), get.key());
            } else if (request instanceof BatchGetItemRequest batch) {
                batch.requestItems().keySet().forEach(table -> add("BatchGetItem", table, null));
            } else if (request instanceof BatchWriteItemRequest batch) {
                batch.requestItems().keySet().forEach(table -> add("BatchWriteItem", table, null));
            } else if (request instanceof DeleteItemRequest delete) {
                add("DeleteItem", delete.tableName(), delete.key());
            } else if (request instanceof PutItemRequest put) {
                add("PutItem", put.tableName(), put.item());
            } else if (request instanceof UpdateItemRequest update) {
                add("UpdateItem", update.tableName(), update.key());
            } else if (request instanceof QueryRequest query) {
                add("Query", query.tableName(), query.indexName() == null ? "" : "/index/" + query.indexName(), UNREAD);
            } else if (request instanceof TransactWriteItemsRequest transaction) {
                transaction.transactItems().forEach(item -> {
                    if (item.put() != null) {
                        add("PutItem", item.put().tableName(), item.put().item());
                    }
                    if (item.update() != null) {
                        add("UpdateItem", item.update().tableName(), item.update().key());
                    }
                    if (item.conditionCheck() != null) {
                        add("ConditionCheckItem", item.conditionCheck().tableName(), item.conditionCheck().key());
                    }
                    if (item.delete() != null) {
                        add("DeleteItem", item.delete().tableName(), item.delete().key());
                    }
                });
            } else {
                grants.add("unexpected " + request.getClass().getSimpleName());
            }
        }
    }

    /**
     * The grants a function has only within some partitions (a statement's {@code dynamodb:LeadingKeys}
     * condition, and no statement granting the same without it), with those partitions.
     */
    private static Map<String, Set<String>> grantedWithinPartitions(String function) {
        Map<String, Set<String>> within = new TreeMap<>();
        Set<String> anywhere = new TreeSet<>();
        for (JsonNode statement : statements(function)) {
            JsonNode leadingKeys = statement.path("Condition").path("ForAllValues:StringEquals").path("dynamodb:LeadingKeys");
            statement.path("Action").forEach(action -> statement.path("Resource").forEach(resource -> {
                String grant = action.asText() + " on " + target(resource);
                if (leadingKeys.isArray()) {
                    leadingKeys.forEach(key -> within.computeIfAbsent(grant, any -> new TreeSet<>()).add(key.asText()));
                } else {
                    anywhere.add(grant);
                }
            }));
        }
        within.keySet().removeAll(anywhere);
        return within;
    }

    /** The policy grants exactly what the recorded code did, and each call stays within the partitions its grant allows. */
    private static void assertGrantsExactly(String function, Recorder recorder) {
        assertEquals(granted(function), new TreeSet<>(recorder.grants));
        assertWithinTheirPartitions(function, recorder);
    }

    private static void assertWithinTheirPartitions(String function, Recorder recorder) {
        grantedWithinPartitions(function).forEach((grant, allowed) -> {
            Set<String> used = recorder.partitions.getOrDefault(grant, Set.of());
            assertTrue(allowed.containsAll(used), function + " may use " + grant + " only in " + allowed + ", its code used " + used);
        });
    }

    /** A team, an approved template, an active message with reply routing and a campaign that sent. */
    private static String seedSends(TestDynamo.Tables tables) {
        try (IngestHarness seed = new IngestHarness(tables, CLOCK)) {
            seed.directory.putAgent(new Agent("bia@desk.example", "Bia", AgentStatus.ONLINE, true));
            seed.directory.putTemplate(new Template("pedido", "pt_BR", Optional.of("UTILITY"), 1, true, Optional.of("APPROVED")));
            seed.directory.recordTemplateStatus(new TemplateStatusChange("pedido", "pt_BR", "APPROVED", null, T0.minusSeconds(9)));
            SendHarness send = new SendHarness(seed, CLOCK);
            send.sends.send(new SendService.SendCommand("bia@desk.example", PHONE_NUMBER_ID, new CustomerId.WaId("5511900000001"),
                    new OutboundContent.Template("pedido", "pt_BR", List.of("Ana")),
                    Optional.of(new ReplyRoute.ToAgent("bia@desk.example"))));
            Campaigns.CreateResult created = send.campaigns.create(new Campaigns.CreateCommand("bia@desk.example",
                    PHONE_NUMBER_ID, "pedido", "pt_BR", Optional.empty(),
                    parameters -> Audience.fromCsv("phone,name\n5511900000002,Bruno\n", parameters), Optional.empty()));
            send.driver.run();
            return ((Campaigns.Created) created).campaign().id();
        }
    }

    @Test
    void theWebhookPolicyGrantsExactlyWhatIngestDoes() {
        TestDynamo.Tables tables = TestDynamo.freshTables();
        String campaign = seedSends(tables);
        Recorder recorder = new Recorder(tables);
        try (IngestHarness desk = new IngestHarness(tables, CLOCK, recorder)) {
            desk.deliver(notification().text("5511900000001", "Ana", "w.r", T0, "Oi"));
            desk.deliver(notification().status("5511900000002", "wamid.c", "delivered", T0,
                    node -> node.put("biz_opaque_callback_data", "janela:campaign:" + campaign + ":1")));
            desk.deliver(notification().failed("5511900000003", "o.9", T0, 131049, "held back", "ecosystem")
                    .failed("5511900000003", "o.8", T0, 131056, "pair rate limit", "slow down")
                    .failed("5511900000003", "o.7", T0, 130429, "rate limit hit", "slow down"));
            desk.deliver(notification().text("5511987654321", "Ana", "w.1", T0, "Oi"));
            desk.deliver(notification().text("5511987654321", "Ana", "w.2", T0.plusSeconds(9), "Oi"));
            desk.deliver(notification().text("5511987654321", "Ana", "w.2", T0.plusSeconds(9), "Oi"));
            desk.deliver(notification().status("5511987654321", "o.1", "read", T0)
                    .status("5511987654321", "o.1", "sent", T0)
                    .templateStatus("pedido", "pt_BR", "APPROVED", "NONE", T0)
                    .marketingPreference("5511987654321", "stop", T0));
            desk.outbound.recordOutbound(new OutboundStore.OutboundRecord(TestContacts.key("5511987654321"),
                    "m.2", Optional.of("o.2"), new OutboundContent.Template("pedido", "pt_BR", List.of()), Optional.empty(),
                    true, "carla@loja.com.br", Optional.empty(), T0, Optional.empty(), Optional.empty()));
            MetaPayloads failures = notification();
            for (int code : new int[] {131047, 131049, 131050, 131026, 131056, 130429, 131051}) {
                failures.failed("5511987654321", "o.2", T0.plusSeconds(1), code, "failed", "code " + code);
            }
            desk.deliver(failures);
            deliverBsuidsAndIdChanges(desk);
            deliverWhatIsQuarantined(desk);
            // each of those came in a POST whose signature the function checked with the app secret first
            recorder.usedMetaCredentials();
        }
        assertGrantsExactly("WebhookFunction", recorder);
        try (IngestHarness check = new IngestHarness(tables, CLOCK)) { // what the deliveries came to, read unrecorded
            assertEquals(check.key("BR.31").id(), check.contactItem("BR.31", "IN#w.b31").get("pk").s().substring(2),
                    "their pairing lands on the BSUID's contact");
            assertNotEquals(check.key("BR.31"), check.key("5511900000031"), "first seen apart, they stay apart");
            assertEquals(check.key("BR.31"), check.key("BR.34"), "the ids moved, the contact stayed");
            assertEquals(2, check.quarantine.list(10, Optional.empty()).items().size(), "each unusable update kept once");
        }
    }

    /**
     * Customers named by BSUID: one with a username alone (its message, a status and a preference), a
     * phone and a BSUID first seen apart and then paired (landing on the BSUID's contact), and
     * Meta moving their ids (user_changed_number, user_changed_user_id, user_id_update).
     */
    private static void deliverBsuidsAndIdChanges(IngestHarness desk) {
        Who sheena = Who.user("US.13491208655302741918").parent("US.ENT.11815799212886844830").username("realsheenanelson");
        desk.deliver(notification().text(sheena, "Sheena", "w.u1", T0, "Oi")
                .status(sheena, "o.u1", "delivered", T0, node -> { })
                .marketingPreference(sheena, "stop", T0));
        desk.deliver(notification().text("5511900000031", "Gil", "w.p31", T0, "Oi"));
        desk.deliver(notification().text(Who.user("BR.31"), "Gil", "w.u31", T0, "Oi"));
        desk.deliver(notification().text(Who.both("5511900000031", "BR.31"), "Gil", "w.b31", T0.plusSeconds(1), "Oi"));
        desk.deliver(notification()
                .changedNumber(Who.both("5511900000031", "BR.31"), "5511900000032", "BR.32", "w.s1", T0.plusSeconds(2))
                .changedUserId(Who.both("5511900000032", "BR.32"), "BR.33", "w.s2", T0.plusSeconds(3))
                .userIdUpdate("5511900000032", "BR.33", "BR.34", T0.plusSeconds(4)));
    }

    /** Updates Janela can never apply (a timestamp that is no instant, a text over 64 KiB), delivered twice. */
    private static void deliverWhatIsQuarantined(IngestHarness desk) {
        MetaPayloads unusable = notification()
                .message("5511900000035", "Hugo", "w.q1", "text", T0, message -> message.put("timestamp", "soon"))
                .text("5511900000036", "Ivo", "w.q2", T0, "a".repeat(70_000));
        for (int delivery = 1; delivery <= 2; delivery++) {
            WebhookIngest.Report report = desk.deliver(unusable);
            assertEquals(2, report.quarantined(), report.toString());
        }
    }

    @Test
    void theSendPolicyGrantsExactlyWhatSendsAndCampaignsDo() {
        TestDynamo.Tables tables = TestDynamo.freshTables();
        String campaign = seedSends(tables);
        try (IngestHarness seed = new IngestHarness(tables, CLOCK)) {
            seed.deliver(notification().text("5511900000010", "Gil", "w.g", T0, "Oi"));
        }
        Recorder recorder = new Recorder(tables);
        try (IngestHarness desk = new IngestHarness(tables, CLOCK, recorder)) {
            SendHarness send = new SendHarness(desk, CLOCK);
            // a reply on a ticket nobody holds: the reply takes it
            assertInstanceOf(SendService.Sent.class, send.sends.send(new SendService.SendCommand("bia@desk.example",
                    PHONE_NUMBER_ID, new CustomerId.WaId("5511900000010"), new OutboundContent.Text("Oi Gil"), Optional.empty())));
            ContactKey ana = TestContacts.key("5511900000001");
            send.sends.send(new SendService.SendCommand("bia@desk.example", PHONE_NUMBER_ID, new CustomerId.WaId("5511900000001"),
                    new OutboundContent.Template("pedido", "pt_BR", List.of("Ana")), Optional.of(new ReplyRoute.ToDepartment("billing"))));
            send.meta.answer(message -> new MessageSender.Rejected(400, new MetaError(131056, "pair", "Pair rate limit hit", null), false));
            send.sends.send(new SendService.SendCommand("bia@desk.example", PHONE_NUMBER_ID, new CustomerId.WaId("5511900000009"),
                    new OutboundContent.Template("pedido", "pt_BR", List.of("Ana")), Optional.empty()));
            send.meta.answer(message -> new MessageSender.Rejected(429, new MetaError(130429, "rate", "Rate limit hit", null), false));
            send.sends.send(new SendService.SendCommand("bia@desk.example", PHONE_NUMBER_ID, new CustomerId.WaId("5511900000001"),
                    new OutboundContent.Template("pedido", "pt_BR", List.of("Ana")), Optional.empty()));
            send.campaigns.create(new Campaigns.CreateCommand("bia@desk.example", PHONE_NUMBER_ID, "pedido", "pt_BR",
                    Optional.empty(), parameters -> Audience.fromCsv("phone,name\n5511900000004,Caio\n", parameters),
                    Optional.of("key-1")));
            send.campaigns.report(campaign, 0, 10).orElseThrow();
            recorder.sentThrough(send.meta);
        }
        assertGrantsExactly("SendFunction", recorder);
    }

    @Test
    void theCampaignDriverPolicyGrantsExactlyWhatARunDoes() {
        TestDynamo.Tables tables = TestDynamo.freshTables();
        seedSends(tables);
        MutableClock clock = new MutableClock(T0);
        try (IngestHarness seed = new IngestHarness(tables, clock)) {
            SendHarness send = new SendHarness(seed, clock);
            send.campaigns.create(new Campaigns.CreateCommand("bia@desk.example", PHONE_NUMBER_ID, "pedido", "pt_BR",
                    Optional.of(new ReplyRoute.ToDepartment("billing")),
                    parameters -> Audience.fromCsv("phone,name\n5511900000005,Dani\n5511900000006,Edu\n", parameters),
                    Optional.empty()));
            seed.deliver(notification().failed("5511900000001", "wamid.1", T0, 131049, "held back", "ecosystem"));
        }
        clock.set(T0.plus(Duration.ofHours(25)));
        Recorder recorder = new Recorder(tables);
        try (IngestHarness desk = new IngestHarness(tables, clock, recorder)) {
            SendHarness send = new SendHarness(desk, clock);
            send.meta.answer(message -> message.address().value().equals("5511900000006")
                    ? new MessageSender.Rejected(400, new MetaError(131056, "pair", "Pair rate limit hit", null), false)
                    : null);
            CampaignDriver.RunReport run = send.driver.run();
            assertEquals(1, run.retried());
            recorder.sentThrough(send.meta);
        }
        assertGrantsExactly("CampaignDriverFunction", recorder);
    }

    @Test
    void theDeskPolicyGrantsExactlyWhatItsReadsAndClosesDo() {
        TestDynamo.Tables tables = TestDynamo.freshTables();
        try (IngestHarness seed = new IngestHarness(tables, CLOCK)) {
            seed.directory.putAgent(new Agent("bia@desk.example", "Bia", AgentStatus.ONLINE, false));
            new DynamoTeamStore(seed.dynamo, tables.directory()).putDepartment(new Department("billing", "Financeiro",
                    Department.Strategy.RANDOM, List.of("bia@desk.example"), Optional.empty(), Optional.empty()), "admin", T0);
            seed.deliver(notification().text("5511987654321", "Ana", "w.1", T0, "Oi"));
            seed.deliver(notification().text("5511987654322", "Bruno", "w.2", T0.minus(Duration.ofHours(25)), "Oi"));
            seed.deliver(notification().text("5511987654323", "Caio", "w.3", T0, "Oi"));
            seed.deliver(notification().text("5511987654324", "Dani", "w.4", T0, "Oi"));
            for (int code : CLOSING_MESSAGE_FAILURES) {
                seed.deliver(notification().text("55119876" + code, "Edu", "w." + code, T0, "Oi"));
            }
            seed.deliver(notification().message("5511987654325", "Hugo", "w.q", "text", T0,
                    message -> message.put("timestamp", "soon")));
        }
        Recorder recorder = new Recorder(tables);
        try (IngestHarness desk = new IngestHarness(tables, CLOCK, recorder)) {
            DeskReads reads = new DeskReads(desk.contacts, CLOCK, Duration.ofMinutes(30));
            // GET /numbers/{phoneNumberId}/contacts/{ref}: the ref (a phone or a BSUID) names the contact
            ContactKey anaByPhone = desk.resolver.find(PHONE_NUMBER_ID, CustomerId.parse("5511987654321")).orElseThrow();
            assertEquals(Optional.empty(), desk.resolver.find(PHONE_NUMBER_ID, CustomerId.parse("US.13491208655302741918")));
            var contact = reads.contact(anaByPhone).orElseThrow();
            reads.ticket(contact.contact().openTicket().orElseThrow().id()).orElseThrow();
            DirectoryAdmin directory = new DirectoryAdmin(desk.directory, CLOCK);
            directory.putAgent(new Agent("carla@desk.example", "Carla", AgentStatus.ONLINE, false));
            directory.putTemplate(new Template("pedido", "pt_BR", Optional.empty(), 0, true, Optional.of("APPROVED")));
            directory.putActiveMessagePolicy(ActiveMessagePolicy.BLOCKED);

            SweepHarness sweep = new SweepHarness(desk, CLOCK);
            for (int code : CLOSING_MESSAGE_FAILURES) {
                sweep.send.meta.refuse("55119876" + code, code, "refused");
            }
            ClosingByHand actions = sweep.actions;
            TicketId ana = openTicket(desk, "5511987654321");
            Optional<String> thanks = Optional.of("Obrigado pelo contato!");
            Instant later = T0.plus(Duration.ofHours(2));
            assertThrows(NotAnAgent.class, () -> actions.close(new CloseCommand("x@example.com", ana, Optional.empty(), true, thanks)));
            assertInstanceOf(ClosingByHand.NotFound.class, actions.close(new CloseCommand("bia@desk.example",
                    new TicketId("t" + "0".repeat(34)), Optional.empty(), true, thanks)));
            assertInstanceOf(ClosingByHand.Scheduled.class, actions.close(new CloseCommand("bia@desk.example", ana,
                    Optional.of(later), true, thanks)));
            assertInstanceOf(ClosingByHand.Cancelled.class, actions.cancelScheduledClose("bia@desk.example", ana));
            assertInstanceOf(ClosingByHand.NothingScheduled.class, actions.cancelScheduledClose("bia@desk.example", ana));
            assertInstanceOf(ClosingByHand.Closed.class, actions.close(new CloseCommand("bia@desk.example", ana, Optional.empty(), true, thanks)));
            assertInstanceOf(ClosingByHand.AlreadyClosed.class, actions.close(new CloseCommand("bia@desk.example", ana, Optional.empty(), true, thanks)));
            assertInstanceOf(ClosingByHand.Closed.class, actions.close(new CloseCommand("bia@desk.example",
                    openTicket(desk, "5511987654322"), Optional.empty(), true, thanks)));
            assertInstanceOf(ClosingByHand.Closed.class, actions.close(new CloseCommand("bia@desk.example",
                    openTicket(desk, "5511987654323"), Optional.empty(), true, Optional.empty())));
            for (int code : CLOSING_MESSAGE_FAILURES) {
                assertInstanceOf(ClosingByHand.Closed.class, actions.close(new CloseCommand("bia@desk.example",
                        openTicket(desk, "55119876" + code), Optional.empty(), true, thanks)));
            }
            assertEquals(1 + CLOSING_MESSAGE_FAILURES.length, sweep.send.meta.handed().size(),
                    "Ana's closing message and the refused ones reached Meta; Bruno's window had ended");
            conversations(desk, ana, anaByPhone);
            recorder.sentThrough(sweep.send.meta);
            deskEdits(desk, openTicket(desk, "5511987654324"));

            // the team's routes; in AWS an agent coming online reaches assign through the directory's stream
            TeamAdmin team = new TeamAdmin(new DynamoTeamStore(desk.dynamo, desk.tables.directory()), new StreamAssignmentTrigger(), CLOCK);
            assertTrue(team.setStatus("bia@desk.example", AgentStatus.AWAY, "bia@desk.example").isPresent());
            assertTrue(team.setStatus("nobody@desk.example", AgentStatus.ONLINE, "admin@desk.example").isEmpty());
            team.putDepartment(new Department("billing", "Billing", Department.Strategy.LEAST_BUSY, List.of("bia@desk.example"),
                    Optional.empty(), Optional.of(3)), "admin@desk.example");
            assertEquals(1, team.departments().size());
            team.putDefaultDepartment(team.checkedDefaultDepartment(Optional.of("billing")), "admin@desk.example");
            assertEquals(Optional.of("billing"), team.defaultDepartment());
            // GET /agents and GET /templates: a Query of the directory's DirectoryByKind index each
            DirectoryLists lists = new DirectoryLists(new DynamoDirectoryStore(desk.dynamo, desk.tables.directory()),
                    new DynamoTeamStore(desk.dynamo, desk.tables.directory()));
            assertEquals(List.of("billing"), lists.team("bia@desk.example", Optional.empty()).items().stream()
                    .filter(member -> member.agent().is("bia@desk.example")).findFirst().orElseThrow().departments());
            lists.templates("bia@desk.example", true, Optional.empty());
            listTickets(desk, tables, reads);

            // GET /quarantine and DELETE /quarantine/{id}: an administrator sees to what the webhook kept
            QuarantineStore.Page quarantined = desk.quarantine.list(25, Optional.empty());
            assertEquals(1, quarantined.items().size());
            assertTrue(desk.quarantine.delete(quarantined.items().get(0).id()));
            assertFalse(desk.quarantine.delete(quarantined.items().get(0).id()));
        }
        assertGrantsExactly("DeskFunction", recorder);
    }

    /** The conversation routes on Ana's ticket, closed with a goodbye: its messages, her history, one message. */
    private static void conversations(IngestHarness desk, TicketId ticket, ContactKey contact) {
        Conversations conversations = new Conversations(new DynamoConversationStore(desk.dynamo, desk.tables.contacts()),
                desk.contacts, desk.directory);
        Paging paging = new Paging(ConversationStore.Order.NEWEST, 50, Optional.empty());
        List<ConversationMessage> messages = conversations.ofTicket("bia@desk.example", ticket, paging).orElseThrow().messages();
        assertEquals(2, messages.size(), "her message and the goodbye: " + messages);
        assertEquals(2, conversations.ofContact("bia@desk.example", contact, paging).messages().size());
        assertTrue(conversations.message("bia@desk.example", messages.get(0).id()).isPresent());
    }

    /** The desk's changes by hand on Dani's ticket and contact: assign both ways, tags, notes, flags. */
    private static void deskEdits(IngestHarness desk, TicketId ticket) {
        DynamoTeamStore team = new DynamoTeamStore(desk.dynamo, desk.tables.directory());
        TicketEditor edits = new TicketEditor(new DynamoTicketEditStore(desk.dynamo, desk.tables.contacts()), desk.contacts,
                desk.directory, team, new StreamAssignmentTrigger(), CLOCK);
        String bia = "bia@desk.example";
        assertInstanceOf(TicketEditor.Edited.class, edits.assign(new TicketEditor.AssignCommand(bia, ticket,
                new TicketEditor.ToAgent(bia))));
        assertInstanceOf(TicketEditor.Edited.class, edits.assign(new TicketEditor.AssignCommand(bia, ticket,
                new TicketEditor.ToDepartment("billing"))));
        assertInstanceOf(TicketEditor.Edited.class, edits.tag(new TicketEditor.TagCommand(bia, ticket, List.of("vip"),
                List.of())));
        assertInstanceOf(TicketEditor.NoteAdded.class, edits.addNote(new TicketEditor.NoteCommand(bia, ticket, "Ligar")));
        assertInstanceOf(TicketEditor.NotesFound.class, edits.notes(bia, ticket));
        assertInstanceOf(TicketEditor.ContactSaved.class, edits.setFlags(new TicketEditor.FlagsCommand(bia,
                TestContacts.key("5511987654324"), new TicketEditStore.ContactFlags(Optional.of(true),
                        Optional.of(true), Optional.of(new TicketEditStore.DefaultAgent(Optional.of(bia)))))));
    }

    /**
     * assign's policy: exactly the DynamoDB calls its code makes, plus what Lambda's event source
     * mappings do with the function's role: read the two streams it is mapped to, and send a batch
     * that keeps failing to its on-failure queue.
     */
    @Test
    void theAssignPolicyGrantsExactlyWhatAssignmentDoesAndWhatItsEventSourcesNeed() {
        TestDynamo.Tables tables = TestDynamo.freshTables();
        TicketId noRoute;
        TicketId billing;
        TicketId reserved;
        try (IngestHarness seed = new IngestHarness(tables, CLOCK)) {
            AssignHarness setUp = new AssignHarness(seed, CLOCK);
            setUp.agent("bia@desk.example", AgentStatus.ONLINE);
            setUp.agent("caio@desk.example", AgentStatus.OFFLINE);
            setUp.department("support", Department.Strategy.SEQUENTIAL, List.of("bia@desk.example", "caio@desk.example"));
            setUp.department(new Department("billing", "Billing", Department.Strategy.LEAST_BUSY, List.of("bia@desk.example"),
                    Optional.empty(), Optional.of(2)));
            setUp.team.putDefaultDepartment(Optional.of("support"), "admin@desk.example", T0);
            noRoute = setUp.open("5511900000021", T0);
            billing = setUp.openAnswering("5511900000022", T0, new ReplyRoute.ToDepartment("billing"));
            reserved = setUp.openAnswering("5511900000023", T0, new ReplyRoute.ToAgent("caio@desk.example"));
        }
        Recorder recorder = new Recorder(tables);
        try (IngestHarness desk = new IngestHarness(tables, CLOCK, recorder)) {
            AssignHarness assign = new AssignHarness(desk, CLOCK);
            assertInstanceOf(Assigner.Assigned.class, assign.assigner.assignTicket(AssignHarness.contact("5511900000021"), noRoute));
            assertInstanceOf(Assigner.Assigned.class, assign.assigner.assignTicket(AssignHarness.contact("5511900000022"), billing));
            assertInstanceOf(Assigner.Waits.class, assign.assigner.assignTicket(AssignHarness.contact("5511900000023"), reserved));
            try (IngestHarness admin = new IngestHarness(tables, CLOCK)) {
                new AssignHarness(admin, CLOCK).status("caio@desk.example", AgentStatus.ONLINE);
            }
            assertEquals(1, assign.assigner.agentOnline("caio@desk.example").assigned().size());
        }
        Set<String> expected = new TreeSet<>(recorder.grants);
        JsonNode events = SamTemplate.fromClasspath().resource("AssignFunction").orElseThrow().path("Properties").path("Events");
        events.forEach(event -> {
            JsonNode source = event.path("Properties");
            String stream = source.path("Stream").path("Fn::GetAtt").get(0).asText() + "/stream";
            List.of("DescribeStream", "GetRecords", "GetShardIterator").forEach(action -> expected.add("dynamodb:" + action + " on " + stream));
            expected.add("sqs:SendMessage on " + source.path("DestinationConfig").path("OnFailure").path("Destination")
                    .path("Fn::GetAtt").get(0).asText());
        });
        assertEquals(granted("AssignFunction"), expected);
        assertWithinTheirPartitions("AssignFunction", recorder);
    }

    /** GET /tickets: each of the desk's indexes, and the caller's departments for view=open. */
    private static void listTickets(IngestHarness desk, TestDynamo.Tables tables, DeskReads reads) {
        TicketList list = new TicketList(new DynamoTicketListStore(desk.dynamo, tables.contacts()), desk.directory,
                new DynamoTeamStore(desk.dynamo, tables.directory()), reads);
        Optional<String> none = Optional.empty();
        for (TicketListing listing : List.of(
                new TicketListing(TicketListing.View.OPEN, none, none, none, TicketListing.Order.RECENT, none, 25),
                new TicketListing(TicketListing.View.MINE, none, none, none, TicketListing.Order.OLDEST, none, 25),
                new TicketListing(TicketListing.View.ALL, Optional.of("billing"), none, none, TicketListing.Order.RECENT, none, 25),
                new TicketListing(TicketListing.View.ALL, none, none, none, TicketListing.Order.OPENED_RECENT, none, 25))) {
            assertInstanceOf(TicketList.Page.class, list.list(Optional.of("bia@desk.example"), listing, Optional.empty()));
        }
    }

    /** Meta's refusals of a free-form message that make Janela write something: each is exercised. */
    private static final int[] CLOSING_MESSAGE_FAILURES = {131047, 131026, 131056, 130429};

    private static TicketId openTicket(IngestHarness desk, String waId) {
        return desk.contacts.findContact(TestContacts.key(waId)).orElseThrow().openTicket().orElseThrow().id();
    }

    @Test
    void theSweepPolicyGrantsExactlyWhatItsRunsDo() {
        TestDynamo.Tables tables = TestDynamo.freshTables();
        Instant sweepAt = T0.plus(Duration.ofDays(1));
        // the seed's messages arrive once the last of them is sent: Meta's times are believed only up
        // to the receipt plus five minutes, and these windows must run from the customers' own times
        MutableClock clock = new MutableClock(sweepAt.minus(Duration.ofMinutes(10)));
        Map<String, String> settings = Map.of(
                "janela.sweep.close-after", "23H40M",
                "janela.sweep.closing-message", "Vamos encerrar por aqui.",
                "janela.sweep.expiring-nudge", "Ainda está por aí?");
        List<Integer> refusedNow = List.of(131047, 131026, 131056);
        try (IngestHarness seed = new IngestHarness(tables, clock)) {
            seed.deliver(notification().text("5511900000011", "Ana", "w.11", sweepAt.minus(Duration.ofMinutes(23 * 60 + 50)), "Oi"));
            seed.deliver(notification().text("5511900000012", "Bruno", "w.12", sweepAt.minus(Duration.ofHours(26)), "Oi"));
            seed.deliver(notification().text("5511900000013", "Carla", "w.13", sweepAt.minus(Duration.ofMinutes(23 * 60 + 35)), "Oi"));
            seed.deliver(notification().text("5511900000014", "Dani", "w.14", sweepAt.minus(Duration.ofHours(2)), "Oi"));
            seed.deliver(notification().text("5511900000015", "Eva", "w.15", sweepAt.minus(Duration.ofMinutes(10)), "Oi"));
            seed.deliver(notification().text("5511900000016", "Fábio", "w.16", sweepAt.minus(Duration.ofMinutes(23 * 60 + 39)), "Oi"));
            for (int code : refusedNow) {
                seed.deliver(notification().text("55119876" + code, "Edu", "w." + code,
                        sweepAt.minus(Duration.ofMinutes(23 * 60 + 45)), "Oi"));
            }
            SweepHarness agent = new SweepHarness(seed, clock, settings);
            agent.closings.scheduleClose(TestContacts.key("5511900000014"), openTicket(seed, "5511900000014"),
                    new ScheduledClose(sweepAt.minusSeconds(60), true, Optional.of("Encerrando."), "bia@desk.example",
                            sweepAt.minus(Duration.ofMinutes(30))));
            agent.closings.scheduleClose(TestContacts.key("5511900000015"), openTicket(seed, "5511900000015"),
                    new ScheduledClose(sweepAt.minusSeconds(60), true, Optional.empty(), "bia@desk.example",
                            sweepAt.minus(Duration.ofHours(1))));
        }
        clock.set(sweepAt);
        Recorder recorder = new Recorder(tables);
        try (IngestHarness desk = new IngestHarness(tables, clock, recorder)) {
            SweepHarness sweep = new SweepHarness(desk, clock, settings);
            refusedNow.forEach(code -> sweep.send.meta.refuse("55119876" + code, code, "refused"));

            Sweeper.SweepReport first = sweep.sweeper.run();

            assertEquals(2 + refusedNow.size(), first.closed(), first.toString());
            assertEquals(1, first.scheduledClosed(), first.toString());
            assertEquals(1, first.scheduledCancelled(), first.toString());
            assertEquals(2, first.nudged(), "Carla and Fábio: " + first);
            assertEquals(2, first.closingMessagesSent(), "Ana's and Dani's scheduled close's: " + first);
            assertEquals(0, first.failed(), first.toString());

            // Fábio's close comes due, and Meta holds the business number back (130429)
            sweep.send.meta.refuse("5511900000016", 130429, "Rate limit hit");
            clock.advance(Duration.ofMinutes(2));

            Sweeper.SweepReport second = sweep.sweeper.run();

            assertEquals(1, second.closed(), second.toString());
            assertEquals(0, second.failed(), second.toString());
            assertEquals(refusedNow.size() + 5, sweep.send.meta.handed().size(), sweep.send.meta.handed().toString());
            recorder.sentThrough(sweep.send.meta);
        }
        assertGrantsExactly("SweepFunction", recorder);
    }
}
