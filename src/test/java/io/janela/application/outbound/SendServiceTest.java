package io.janela.application.outbound;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.application.directory.NotAnAgent;
import io.janela.support.TestContacts;
import io.janela.domain.contact.CustomerId;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.outbound.SendService.SendCommand;
import io.janela.application.outbound.SendService.SendResult;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketStatus;
import io.janela.adapters.dynamodb.DynamoTeamStore;
import io.janela.support.IngestHarness;
import io.janela.support.MutableClock;
import io.janela.support.SendHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The outbound guard and reply routing, end to end on DynamoDB Local with Meta as a recording double. */
class SendServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String ANA = "5511987654321";
    private static final ContactKey ANA_KEY = TestContacts.key(ANA);
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";
    private static final OutboundContent.Template FOLLOW_UP = new OutboundContent.Template("pedido_atualizado", "pt_BR", List.of("Ana"));

    private final MutableClock clock = new MutableClock(T0);
    private IngestHarness desk;
    private SendHarness send;

    @BeforeEach
    void team() {
        desk = new IngestHarness(clock);
        send = new SendHarness(desk, clock);
        send.team(T0.minusSeconds(60));
    }

    @AfterEach
    void close() {
        desk.close();
    }

    /**
     * Ana writes at {@code at} and Meta delivers it at once: the clock moves on to {@code at} when it is
     * behind (Janela takes a timestamp ahead of its clock as the time it received the message).
     */
    private void anaWrote(String wamid, Instant at) {
        if (clock.instant().isBefore(at)) {
            clock.set(at);
        }
        desk.deliver(notification().text(ANA, "Ana", wamid, at, "Oi"));
    }

    private SendResult text(String agent, String body) {
        return send.sends.send(new SendCommand(agent, PHONE_NUMBER_ID, new CustomerId.WaId(ANA), new OutboundContent.Text(body), Optional.empty()));
    }

    private SendResult template(String agent, OutboundContent.Template content, Optional<ReplyRoute> route) {
        return send.sends.send(new SendCommand(agent, PHONE_NUMBER_ID, new CustomerId.WaId(ANA), content, route));
    }

    private static String refusal(SendResult result) {
        return assertInstanceOf(SendService.Refused.class, result).refusal().code();
    }

    private Map<String, AttributeValue> outbound(String id) {
        return desk.contactItem(ANA, "OUT#" + id);
    }

    private Ticket openTicket() {
        return desk.contacts.findContact(ANA_KEY).orElseThrow().openTicket().orElseThrow();
    }

    @Test
    void freeFormInsideTheWindowIsSentAndStoredAsAccepted() {
        anaWrote("wamid.A1", T0);
        clock.set(T0.plus(Duration.ofHours(23)));

        SendService.Sent sent = assertInstanceOf(SendService.Sent.class, text(BIA, "Seu pedido saiu para entrega"));

        assertEquals(1, send.meta.messages().size());
        assertEquals(false, sent.activeMessage());
        Map<String, AttributeValue> item = outbound(sent.wamid());
        assertEquals("accepted", item.get("status").s());
        assertEquals("text", item.get("kind").s());
        assertEquals(BIA, item.get("sentBy").s());
        assertEquals(sent.messageId(), item.get("messageId").s());
    }

    @Test
    void freeFormIsRefusedOnceTheWindowHasClosedCheckedAgainstTheClockAtSendTime() {
        anaWrote("wamid.A1", T0);
        clock.set(T0.plus(Duration.ofHours(24)).minusSeconds(1));
        assertInstanceOf(SendService.Sent.class, text(BIA, "ainda dá"));

        clock.set(T0.plus(Duration.ofHours(24)));
        SendResult late = text(BIA, "oi?");

        assertEquals("window_closed", refusal(late));
        assertTrue(((SendService.Refused) late).refusal().sentence().contains("template"));
        assertEquals(1, send.meta.messages().size());
    }

    @Test
    void freeFormToSomeoneWhoNeverWroteIsRefused() {
        assertEquals("window_closed", refusal(text(BIA, "Olá!")));
        assertEquals(0, send.meta.messages().size());
    }

    @Test
    void aTemplateOutsideTheWindowIsAnActiveMessageOnlyForPermittedAgentsByDefault() {
        assertEquals("agent_not_permitted", refusal(template(CAIO, FOLLOW_UP, Optional.empty())));

        SendService.Sent sent = assertInstanceOf(SendService.Sent.class, template(BIA, FOLLOW_UP, Optional.empty()));

        assertTrue(sent.activeMessage());
        assertEquals(1, send.meta.messages().size());
        Map<String, AttributeValue> item = outbound(sent.wamid());
        assertEquals("template", item.get("kind").s());
        assertEquals("pedido_atualizado", item.get("templateName").s());
        assertEquals("UTILITY", item.get("templateCategory").s());
        assertEquals(true, item.get("activeMessage").bool());
    }

    @Test
    void theDeskPolicyDecidesWhoSendsActiveMessages() {
        desk.directory.putActiveMessagePolicy(ActiveMessagePolicy.BLOCKED);
        assertEquals("active_messages_blocked", refusal(template(BIA, FOLLOW_UP, Optional.empty())));

        desk.directory.putActiveMessagePolicy(ActiveMessagePolicy.ALLOWED);
        assertInstanceOf(SendService.Sent.class, template(CAIO, FOLLOW_UP, Optional.empty()));
        assertEquals(1, send.meta.messages().size());
    }

    @Test
    void aTemplateInsideTheWindowIsNoActiveMessageAndNeedsNoPermission() {
        desk.directory.putActiveMessagePolicy(ActiveMessagePolicy.BLOCKED);
        anaWrote("wamid.A1", T0);
        SendService.Sent sent = assertInstanceOf(SendService.Sent.class, template(CAIO, FOLLOW_UP, Optional.empty()));
        assertEquals(false, sent.activeMessage());
    }

    @Test
    void anOpenTicketBlocksActiveMessagesExceptFromTheAgentHoldingIt() {
        template(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent(BIA)));
        anaWrote("wamid.A1", T0.plusSeconds(60));
        assertEquals(Optional.of(BIA), openTicket().agent());
        desk.directory.putActiveMessagePolicy(ActiveMessagePolicy.ALLOWED);
        clock.set(T0.plus(Duration.ofHours(25)));

        SendResult fromCaio = template(CAIO, FOLLOW_UP, Optional.empty());
        assertEquals("open_ticket", refusal(fromCaio));
        assertTrue(((SendService.Refused) fromCaio).refusal().sentence().contains(BIA));

        assertInstanceOf(SendService.Sent.class, template(BIA, FOLLOW_UP, Optional.empty()));
    }

    @Test
    void onlyApprovedEnabledTemplatesWithTheirParametersGoOut() {
        assertEquals("template_not_approved", refusal(template(BIA,
                new OutboundContent.Template("nao_existe", "pt_BR", List.of()), Optional.empty())));
        assertEquals("template_parameters", refusal(template(BIA,
                new OutboundContent.Template("pedido_atualizado", "pt_BR", List.of("Ana", "extra")), Optional.empty())));

        desk.directory.recordTemplateStatus(new TemplateStatusChange("pedido_atualizado", "pt_BR", "PAUSED", "LOW_QUALITY", T0));
        assertEquals("template_not_approved", refusal(template(BIA, FOLLOW_UP, Optional.empty())));

        desk.directory.recordTemplateStatus(new TemplateStatusChange("pedido_atualizado", "pt_BR", "REINSTATED", null, T0.plusSeconds(1)));
        desk.directory.putTemplate(new Template("pedido_atualizado", "pt_BR", Optional.of("UTILITY"), 1, false, Optional.empty()));
        assertEquals("template_not_approved", refusal(template(BIA, FOLLOW_UP, Optional.empty())));
        assertEquals(0, send.meta.messages().size());
    }

    @Test
    void aBlockedContactReceivesNothing() {
        anaWrote("wamid.A1", T0);
        desk.dynamo.updateItem(request -> request.tableName(desk.tables.contacts())
                .key(Map.of("pk", AttributeValue.fromS("C#" + TestContacts.key(ANA).id()), "sk", AttributeValue.fromS("PROFILE")))
                .updateExpression("SET blocked = :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
        assertEquals("contact_blocked", refusal(text(BIA, "oi")));
        assertEquals("contact_blocked", refusal(template(BIA, FOLLOW_UP, Optional.empty())));
        assertEquals(0, send.meta.messages().size());
    }

    @Test
    void replyRoutingMustNameAnAgentOfTheTeamAndGoesWithTemplatesOnly() {
        assertEquals("unknown_agent", refusal(template(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent("zeca@else.example")))));
        assertThrows(IllegalArgumentException.class, () -> new SendCommand(BIA, PHONE_NUMBER_ID, new CustomerId.WaId(ANA), new OutboundContent.Text("oi"),
                Optional.of(new ReplyRoute.ToDepartment("billing"))));
        assertEquals(0, send.meta.messages().size());
    }

    @Test
    void theCallerMustBeAnAgent() {
        assertEquals("intruso@else.example", assertThrows(NotAnAgent.class, () -> text("intruso@else.example", "oi")).email());
    }

    @Test
    void aSendMetaRefusesIsStoredAsFailedWithItsCodeAndActedOn() {
        send.meta.answer(message -> new MessageSender.Rejected(400,
                new MetaError(131026, "OAuthException", "Message undeliverable", "recipient is not on WhatsApp"), false));

        SendService.NotDelivered failed = assertInstanceOf(SendService.NotDelivered.class, template(BIA, FOLLOW_UP, Optional.empty()));

        Map<String, AttributeValue> item = outbound(failed.messageId());
        assertEquals("failed", item.get("status").s());
        assertEquals("131026", item.get("errors").l().get(0).m().get("code").n());
        assertTrue(desk.contacts.findContact(ANA_KEY).orElseThrow().profile().undeliverable());
    }

    @Test
    void webhookStatusesMoveTheSentMessageForward() {
        anaWrote("wamid.A1", T0);
        SendService.Sent sent = assertInstanceOf(SendService.Sent.class, text(BIA, "Seu pedido saiu"));
        desk.deliver(notification().status(ANA, sent.wamid(), "read", T0.plusSeconds(30))
                .status(ANA, sent.wamid(), "delivered", T0.plusSeconds(20)));

        Map<String, AttributeValue> item = outbound(sent.wamid());
        assertEquals("read", item.get("status").s());
        assertEquals(BIA, item.get("sentBy").s());
        assertTrue(item.containsKey("deliveredAt"));
    }

    @Test
    void theReplyToAnActiveMessageGoesToTheNamedAgentWhenOnline() {
        template(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent(CAIO)));
        anaWrote("wamid.R1", T0.plus(Duration.ofHours(3)));

        Ticket ticket = openTicket();
        assertEquals(Optional.of(CAIO), ticket.assignment().agent());
        assertEquals(TicketStatus.OPEN, ticket.status());
    }

    @Test
    void anOfflineAgentsReplyWaitsForThatAgentAlone() {
        // a PUT keeps the status an agent set; Caio signs off through his own status
        new DynamoTeamStore(desk.dynamo, desk.tables.directory()).setAgentStatus(CAIO, AgentStatus.OFFLINE, CAIO, T0);
        template(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent(CAIO)));
        anaWrote("wamid.R1", T0.plus(Duration.ofHours(3)));

        Ticket ticket = openTicket();
        assertEquals(TicketStatus.WAITING, ticket.status());
        assertEquals(Optional.empty(), ticket.assignment().agent());
        assertEquals(Optional.of(CAIO), ticket.assignment().reservedFor());
    }

    @Test
    void theReplyGoesToTheNamedDepartment() {
        template(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToDepartment("billing")));
        anaWrote("wamid.R1", T0.plusSeconds(90));
        assertEquals(Optional.of("billing"), openTicket().assignment().department());
    }

    @Test
    void aReplyRoutedToAFlowOpensNoTicketAndIsHandedToTheFlow() {
        template(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToFlow("nps-survey")));
        anaWrote("wamid.R1", T0.plusSeconds(90));

        assertEquals(Optional.empty(), desk.contacts.findContact(ANA_KEY).orElseThrow().openTicket());
        Map<String, AttributeValue> inbound = desk.contactItem(ANA, "IN#wamid.R1");
        assertEquals("nps-survey", inbound.get("flow").s());
    }

    @Test
    void afterTwentyFourHoursTheRuleIsIgnored() {
        template(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent(CAIO)));
        anaWrote("wamid.R1", T0.plus(Duration.ofHours(24)));

        Ticket ticket = openTicket();
        assertEquals(TicketStatus.WAITING, ticket.status());
        assertEquals(io.janela.domain.ticket.Assignment.NONE, ticket.assignment());
    }

    @Test
    void aNewerSendReplacesTheRule() {
        template(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent(CAIO)));
        clock.set(T0.plus(Duration.ofHours(2)));
        template(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToDepartment("billing")));
        anaWrote("wamid.R1", T0.plus(Duration.ofHours(3)));

        Ticket ticket = openTicket();
        assertEquals(Optional.empty(), ticket.assignment().agent());
        assertEquals(Optional.of("billing"), ticket.assignment().department());
        assertEquals(Instant.parse("2026-11-21T11:00:00Z"),
                desk.contacts.findContact(ANA_KEY).orElseThrow().replyRule().orElseThrow().sentAt());
    }

    @Test
    void aRefusedOrFailedSendSetsNoRule() {
        send.meta.answer(message -> new MessageSender.Rejected(400, new MetaError(132001, "OAuthException",
                "Template name does not exist in the translation", null), false));
        template(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent(CAIO)));
        assertEquals(Optional.empty(), desk.contacts.findContact(ANA_KEY).map(found -> found.replyRule()).orElse(Optional.empty()));
    }
}
