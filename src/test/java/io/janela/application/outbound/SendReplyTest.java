package io.janela.application.outbound;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.support.TestContacts;
import io.janela.domain.contact.CustomerId;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.adapters.dynamodb.DynamoTeamStore;
import io.janela.adapters.dynamodb.DynamoTicketEditStore;
import io.janela.application.assignment.StreamAssignmentTrigger;
import io.janela.application.desk.TicketEditor;
import io.janela.application.outbound.SendService.SendCommand;
import io.janela.application.outbound.SendService.SendResult;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketStatus;
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

/**
 * The desk's conventions for a reply, on DynamoDB Local with Meta as a recording double: an agent
 * who answers a ticket nobody holds takes it, a ticket another agent holds stays theirs, a reply
 * stops the unanswered timer and a note does not, and a send that does not go out changes nothing.
 */
class SendReplyTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String ANA = "5511987654321";
    private static final ContactKey ANA_KEY = TestContacts.key(ANA);
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";
    private static final OutboundContent.Template FOLLOW_UP = new OutboundContent.Template("pedido_atualizado", "pt_BR",
            List.of("Ana"));

    private final MutableClock clock = new MutableClock(T0);
    private IngestHarness desk;
    private SendHarness send;
    private TicketEditor edits;

    @BeforeEach
    void team() {
        desk = new IngestHarness(clock);
        send = new SendHarness(desk, clock);
        edits = new TicketEditor(new DynamoTicketEditStore(desk.dynamo, desk.tables.contacts()), desk.contacts,
                desk.directory, new DynamoTeamStore(desk.dynamo, desk.tables.directory()), new StreamAssignmentTrigger(), clock);
        desk.directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, true));
        desk.directory.putAgent(new Agent(CAIO, "Caio", AgentStatus.ONLINE, false));
        desk.directory.putTemplate(new Template("pedido_atualizado", "pt_BR", Optional.of("UTILITY"), 1, true, Optional.empty()));
        desk.directory.recordTemplateStatus(new TemplateStatusChange("pedido_atualizado", "pt_BR", "APPROVED", null,
                T0.minusSeconds(60)));
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

    private Ticket openTicket() {
        return desk.contacts.findContact(ANA_KEY).orElseThrow().openTicket().orElseThrow();
    }

    private Map<String, AttributeValue> ticketItem(Ticket ticket) {
        return desk.contactItem(ANA, "TICKET#" + ticket.id().value());
    }

    @Test
    void anAgentWhoRepliesOnATicketNobodyHoldsBecomesItsAgent() {
        anaWrote("wamid.A1", T0);
        clock.set(T0.plusSeconds(90));
        Ticket waiting = openTicket();
        assertEquals(TicketStatus.WAITING, waiting.status());
        assertEquals(Optional.of(T0), waiting.unansweredSince());

        assertInstanceOf(SendService.Sent.class, text(BIA, "Oi Ana, já vejo seu pedido"));

        Ticket taken = openTicket();
        assertEquals(TicketStatus.OPEN, taken.status());
        assertEquals(Optional.of(BIA), taken.agent());
        assertEquals(Optional.empty(), taken.unansweredSince(), "answered");
        Map<String, AttributeValue> item = ticketItem(taken);
        assertEquals(BIA, item.get("holder").s());
        assertEquals(BIA, item.get("assignedBy").s());
        assertFalse(item.containsKey("waiting"), item.toString());
        assertEquals(Optional.of(BIA), desk.contacts.findContact(ANA_KEY).orElseThrow().profile().lastAgent());
    }

    @Test
    void theDepartmentStaysWhenTheReplierTakesTheTicket() {
        send.sends.send(new SendCommand(BIA, PHONE_NUMBER_ID, new CustomerId.WaId(ANA), FOLLOW_UP, Optional.of(new ReplyRoute.ToDepartment("billing"))));
        anaWrote("wamid.A1", T0.plusSeconds(60));
        clock.set(T0.plusSeconds(120));

        assertInstanceOf(SendService.Sent.class, text(CAIO, "Oi Ana, aqui é o Caio do financeiro"));

        assertEquals(new Assignment(Optional.of(CAIO), Optional.of("billing"), Optional.empty(), false),
                openTicket().assignment());
        assertEquals("billing", ticketItem(openTicket()).get("queue").s());
    }

    @Test
    void aReplyOnATicketAnotherAgentHoldsDoesNotTakeItOver() {
        send.sends.send(new SendCommand(BIA, PHONE_NUMBER_ID, new CustomerId.WaId(ANA), FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent(CAIO))));
        anaWrote("wamid.A1", T0.plusSeconds(60));
        assertEquals(Optional.of(CAIO), openTicket().agent());
        clock.set(T0.plusSeconds(120));

        assertInstanceOf(SendService.Sent.class, text(BIA, "Oi Ana, a Bia aqui, ajudando o Caio"));

        Ticket after = openTicket();
        assertEquals(Optional.of(CAIO), after.agent(), "still Caio's");
        assertEquals(CAIO, ticketItem(after).get("holder").s());
        assertEquals(Optional.empty(), after.unansweredSince(), "but Ana has had her answer");
        assertEquals(Optional.empty(), desk.contacts.findContact(ANA_KEY).orElseThrow().profile().lastAgent()
                .filter(BIA::equals));
    }

    @Test
    void theUnansweredTimerStopsOnAReplyNotOnANoteAndRestartsWithTheNextMessage() {
        anaWrote("wamid.A1", T0);
        Ticket ticket = openTicket();
        clock.set(T0.plusSeconds(300));

        assertInstanceOf(TicketEditor.NoteAdded.class, edits.addNote(new TicketEditor.NoteCommand(BIA, ticket.id(),
                "Cliente pediu reembolso, verificar com o financeiro")));

        assertEquals(Optional.of(T0), openTicket().unansweredSince(), "a note is no reply");
        assertEquals(TicketStatus.WAITING, openTicket().status(), "and takes nothing over");
        assertEquals(0, send.meta.messages().size(), "a note is never sent");

        clock.set(T0.plusSeconds(600));
        text(BIA, "Ana, já pedi o reembolso");
        assertEquals(Optional.empty(), openTicket().unansweredSince());

        anaWrote("wamid.A2", T0.plusSeconds(900));
        anaWrote("wamid.A3", T0.plusSeconds(960));
        assertEquals(Optional.of(T0.plusSeconds(900)), openTicket().unansweredSince(), "her first message since the reply");
    }

    @Test
    void aTemplateAnAgentSendsInsideTheWindowIsAReplyToo() {
        anaWrote("wamid.A1", T0);
        clock.set(T0.plusSeconds(60));

        SendService.Sent sent = assertInstanceOf(SendService.Sent.class,
                send.sends.send(new SendCommand(CAIO, PHONE_NUMBER_ID, new CustomerId.WaId(ANA), FOLLOW_UP, Optional.empty())));

        assertFalse(sent.activeMessage());
        assertEquals(Optional.of(CAIO), openTicket().agent());
        assertEquals(Optional.empty(), openTicket().unansweredSince());
    }

    @Test
    void aSendTheGuardRefusesChangesNothing() {
        anaWrote("wamid.A1", T0);
        clock.set(T0.plus(Duration.ofHours(25)));
        List<String> contacts = desk.contactsState();
        List<String> directory = desk.directoryState();

        assertEquals("window_closed", assertInstanceOf(SendService.Refused.class, text(BIA, "Oi?")).refusal().code());

        assertEquals(contacts, desk.contactsState());
        assertEquals(directory, desk.directoryState());
    }

    @Test
    void aSendMetaRefusesAnswersNobodyAndTakesNothing() {
        anaWrote("wamid.A1", T0);
        clock.set(T0.plusSeconds(60));
        Map<String, AttributeValue> before = ticketItem(openTicket());
        send.meta.answer(message -> new MessageSender.Rejected(400,
                new MetaError(131026, "OAuthException", "Message undeliverable", null), false));

        assertInstanceOf(SendService.NotDelivered.class, text(BIA, "Oi Ana"));

        assertEquals(before, ticketItem(openTicket()), "the failed send is stored, the ticket is as it was");
        assertEquals(Optional.empty(), desk.contacts.findContact(ANA_KEY).orElseThrow().profile().lastAgent());
    }

    @Test
    void janelasOwnMessagesAnswerNoTicketAndTakeNone() {
        anaWrote("wamid.A1", T0);
        clock.set(T0.plusSeconds(60));
        Map<String, AttributeValue> before = ticketItem(openTicket());

        assertInstanceOf(SendService.Sent.class, send.sends.sendFreeForm(BIA, ANA_KEY, "Ainda está por aí?"));

        assertEquals(1, send.meta.messages().size());
        assertEquals(before, ticketItem(openTicket()), "a nudge or closing message is no agent's reply");
        assertTrue(openTicket().unansweredSince().isPresent());
    }
}
