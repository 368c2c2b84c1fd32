package io.janela.application.outbound;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.outbound.SendService.SendCommand;
import io.janela.application.outbound.SendService.SendResult;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundMessage;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads.Who;
import io.janela.support.MutableClock;
import io.janela.support.SendHarness;
import io.janela.support.TestContacts;
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
 * Which id a send goes to, and what a send to a customer Janela has never seen writes: sends name the
 * customer by phone ({@code waId}) or business-scoped user id ({@code userId}); Meta gets the phone in
 * {@code to} whenever Janela knows one, otherwise the user id in {@code recipient}. On DynamoDB Local
 * with Meta as a recording double.
 */
class SendAddressTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";
    /** Dora adopted a username: Meta names her by her user id alone. */
    private static final String DORA_USER = "US.13491208655302741918";
    /** Meta names Eva by both. */
    private static final String EVA = "5511987650005";
    private static final String EVA_USER = "BR.1087330924463622";
    /** Fábio never wrote. */
    private static final String FABIO_USER = "BR.20260000000000000007";
    private static final String ACCESS_CODE = "codigo_de_acesso";
    private static final OutboundContent.Template FOLLOW_UP = new OutboundContent.Template("pedido_atualizado", "pt_BR",
            List.of("Cliente"));
    private static final OutboundContent.Template CODE = new OutboundContent.Template(ACCESS_CODE, "pt_BR",
            List.of("481516"));

    private final MutableClock clock = new MutableClock(T0);
    private IngestHarness desk;
    private SendHarness send;

    @BeforeEach
    void team() {
        desk = new IngestHarness(clock);
        send = new SendHarness(desk, clock);
        send.team(T0.minusSeconds(60));
        desk.directory.putTemplate(new Template(ACCESS_CODE, "pt_BR", Optional.of("AUTHENTICATION"), 1, true, Optional.empty()));
        desk.directory.recordTemplateStatus(new TemplateStatusChange(ACCESS_CODE, "pt_BR", "APPROVED", null,
                T0.minusSeconds(60)));
    }

    @AfterEach
    void close() {
        desk.close();
    }

    /** The customer writes now, as Meta names them. */
    private void wrote(Who who, String wamid) {
        desk.deliver(notification().text(who, "Cliente", wamid, clock.instant(), "Oi"));
    }

    private SendResult send(String agent, CustomerId to, OutboundContent content) {
        return send.sends.send(new SendCommand(agent, PHONE_NUMBER_ID, to, content, Optional.empty()));
    }

    private static String refusal(SendResult result) {
        return assertInstanceOf(SendService.Refused.class, result).refusal().code();
    }

    private OutboundMessage onlyMessage() {
        assertEquals(1, send.meta.messages().size(), send.meta.messages().toString());
        return send.meta.messages().get(0);
    }

    private ContactIdentity identity(String ref) {
        return desk.contacts.findContact(desk.key(ref)).orElseThrow().profile().identity();
    }

    @Test
    void aSendByUserIdToACustomerKnownOnlyByItGoesToThatUserId() {
        wrote(Who.user(DORA_USER).username("dora.m"), "wamid.D1");

        SendService.Sent sent = assertInstanceOf(SendService.Sent.class,
                send(BIA, new CustomerId.Bsuid(DORA_USER), new OutboundContent.Text("Oi Dora!")));

        assertEquals(new CustomerId.Bsuid(DORA_USER), onlyMessage().address());
        assertEquals(desk.key(DORA_USER), onlyMessage().to());
        assertEquals("accepted", desk.contactItem(DORA_USER, "OUT#" + sent.wamid()).get("status").s());
    }

    @Test
    void aSendNamingTheCustomerByUserIdGoesToTheirPhoneWhenJanelaKnowsIt() {
        wrote(Who.both(EVA, EVA_USER), "wamid.E1");

        assertInstanceOf(SendService.Sent.class, send(BIA, new CustomerId.Bsuid(EVA_USER), new OutboundContent.Text("Oi Eva!")));

        assertEquals(new CustomerId.WaId(EVA), onlyMessage().address(), "Meta recommends phones: its webhooks keep naming them");
        assertEquals(desk.key(EVA_USER), onlyMessage().to());
        assertEquals(desk.key(EVA), desk.key(EVA_USER));
    }

    @Test
    void theFirstSendToACustomerNeverSeenMakesAContactNamedAsTheSendNamedThem() {
        SendService.Sent sent = assertInstanceOf(SendService.Sent.class, send.sends.send(new SendCommand(BIA, PHONE_NUMBER_ID,
                new CustomerId.Bsuid(FABIO_USER), FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent(CAIO)))));

        ContactKey fabio = desk.key(FABIO_USER);
        assertTrue(sent.activeMessage());
        assertEquals(new OutboundMessage(fabio, new CustomerId.Bsuid(FABIO_USER), FOLLOW_UP, Optional.empty()), onlyMessage());
        assertEquals(new ContactIdentity(Optional.empty(), Optional.of(new CustomerId.Bsuid(FABIO_USER)), Optional.empty(),
                Optional.empty()), identity(FABIO_USER));
        Map<String, AttributeValue> out = desk.contactItem(fabio, "OUT#" + sent.wamid());
        assertEquals("template", out.get("kind").s());
        assertEquals(BIA, out.get("sentBy").s());

        // his answer, naming him by his phone and user id, lands on the same contact and follows the send's rule
        clock.set(T0.plus(Duration.ofHours(1)));
        wrote(Who.both("5511987650007", FABIO_USER), "wamid.F1");
        assertEquals(fabio, desk.key("5511987650007"));
        assertEquals(Optional.of(CAIO), desk.contacts.findContact(fabio).orElseThrow().openTicket().orElseThrow().agent());
    }

    @Test
    void aRefusedSendToACustomerNeverSeenWritesNothing() {
        List<String> contacts = desk.contactsState();
        List<String> directory = desk.directoryState();

        assertEquals("window_closed", refusal(send(BIA, new CustomerId.Bsuid(FABIO_USER), new OutboundContent.Text("Oi"))));
        assertEquals("agent_not_permitted", refusal(send(CAIO, new CustomerId.Bsuid(FABIO_USER), FOLLOW_UP)));
        assertEquals("phone_required", refusal(send(BIA, new CustomerId.Bsuid(FABIO_USER), CODE)));
        assertEquals("window_closed", refusal(send(BIA, new CustomerId.WaId("5511987650007"), new OutboundContent.Text("Oi"))));

        assertEquals(contacts, desk.contactsState(), "no contact, no link, no message");
        assertEquals(directory, desk.directoryState());
        assertEquals(Optional.empty(), TestContacts.find(desk.dynamo, desk.tables.contacts(), FABIO_USER));
        assertEquals(0, send.meta.messages().size());
    }

    @Test
    void anAuthenticationTemplateToACustomerKnownOnlyByUserIdIsRefusedBeforeMeta() {
        wrote(Who.user(DORA_USER), "wamid.D1");
        List<String> contacts = desk.contactsState();

        SendService.Refused refused = assertInstanceOf(SendService.Refused.class,
                send(BIA, new CustomerId.Bsuid(DORA_USER), CODE));

        assertEquals("phone_required", refused.refusal().code());
        assertTrue(refused.refusal().sentence().contains("phone number"), refused.refusal().sentence());
        assertEquals(0, send.meta.messages().size(), "Meta would answer 131062");
        assertEquals(contacts, desk.contactsState());
    }

    @Test
    void anAuthenticationTemplateGoesToACustomerWhosePhoneJanelaKnows() {
        wrote(Who.both(EVA, EVA_USER), "wamid.E1");

        assertInstanceOf(SendService.Sent.class, send(BIA, new CustomerId.Bsuid(EVA_USER), CODE));
        assertInstanceOf(SendService.Sent.class, send(BIA, new CustomerId.WaId("5511987650007"), CODE));

        assertEquals(List.of(new CustomerId.WaId(EVA), new CustomerId.WaId("5511987650007")),
                send.meta.messages().stream().map(OutboundMessage::address).toList());
    }

    @Test
    void aContactWhosePhoneMetaGaveToSomeoneElseHasNoAddressLeft() {
        String phone = "5511987650008";
        String doraPhone = "5511987650009";
        wrote(Who.phone(phone), "wamid.G1");
        ContactKey before = desk.key(phone);
        wrote(Who.phone(doraPhone), "wamid.D1");
        // Dora changes her number to the one the first customer had: Meta's word moves it to Dora
        clock.set(T0.plusSeconds(60));
        desk.deliver(notification().changedNumber(Who.phone(doraPhone), phone, null, "wamid.D2", clock.instant()));
        assertEquals(desk.key(doraPhone), desk.key(phone));

        SendResult nudge = send.sends.sendFreeForm("janela", before, "Ainda está por aí?");

        assertEquals("no_address", refusal(nudge));
        assertEquals(0, send.meta.messages().size());
        clock.set(T0.plusSeconds(120));
        wrote(Who.phone(phone), "wamid.D3");
        assertInstanceOf(SendService.Sent.class, send(BIA, new CustomerId.WaId(phone), new OutboundContent.Text("Oi")));
        assertEquals(desk.key(doraPhone), onlyMessage().to(), "the phone names Dora now");
    }

    @Test
    void aSendToAPhoneMetaRetiredReachesTheContactAtTheirNewPhone() {
        String old = "5511987650010";
        String moved = "5511987650011";
        wrote(Who.phone(old), "wamid.H1");
        clock.set(T0.plusSeconds(60));
        desk.deliver(notification().changedNumber(Who.phone(old), moved, null, "wamid.H2", clock.instant()));
        assertEquals(Optional.of(new CustomerId.WaId(moved)), identity(old).waId());

        assertInstanceOf(SendService.Sent.class, send(BIA, new CustomerId.WaId(old), new OutboundContent.Text("Oi")));

        assertEquals(new CustomerId.WaId(moved), onlyMessage().address(), "never the old number: Meta gives numbers to new people");
        assertEquals(desk.key(moved), onlyMessage().to());
    }

    @Test
    void aSendByPhoneToACustomerKnownOnlyFromAMetaNotificationGoesToThatPhone() {
        // a customer who stopped marketing messages before ever writing: Janela knows them from the notification
        desk.deliver(notification().marketingPreference(Who.phone("5511987650009"), "stop", T0.minusSeconds(30)));

        assertInstanceOf(SendService.Sent.class, send(BIA, new CustomerId.WaId("5511987650009"), FOLLOW_UP));

        assertEquals(new CustomerId.WaId("5511987650009"), onlyMessage().address());
        assertEquals(desk.key("5511987650009"), onlyMessage().to());
    }

    @Test
    void theStatusesOfAMessageSentToAUserIdFindItsRecord() {
        wrote(Who.user(DORA_USER), "wamid.D1");
        SendService.Sent sent = assertInstanceOf(SendService.Sent.class,
                send(BIA, new CustomerId.Bsuid(DORA_USER), new OutboundContent.Text("Seu pedido saiu")));
        clock.set(T0.plusSeconds(30));

        desk.deliver(notification()
                .status(Who.user(DORA_USER), sent.wamid(), "sent", T0.plusSeconds(5), node -> { })
                .status(Who.user(DORA_USER).username("dora.m"), sent.wamid(), "read", T0.plusSeconds(20), node -> { })
                .status(Who.user(DORA_USER).username("dora.m"), sent.wamid(), "delivered", T0.plusSeconds(10), node -> { }));

        Map<String, AttributeValue> item = desk.contactItem(DORA_USER, "OUT#" + sent.wamid());
        assertEquals("read", item.get("status").s());
        assertEquals(BIA, item.get("sentBy").s());
        assertEquals(String.valueOf(T0.plusSeconds(10).getEpochSecond()), item.get("deliveredAt").n());
        assertEquals(1, desk.contactsState().stream().filter(stored -> stored.contains("sk=AttributeValue(S=OUT#" + sent.wamid())).count(),
                "one record of the message, the one the send made");
    }
}
