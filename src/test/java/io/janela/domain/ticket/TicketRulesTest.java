package io.janela.domain.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.routing.ReplyRule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TicketRulesTest {

    private static final ContactKey ANA = new ContactKey("106540352242922", "k0a1b2c3d4e5f60718293a4b5");
    private static final ContactIdentity ANA_PHONE = ContactIdentity.of(new CustomerId.WaId("5511987654321"));
    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final Optional<ReplyRule> NO_RULE = Optional.empty();

    private static InboundMessage message(String wamid, String type, Instant at) {
        return new InboundMessage(ANA, wamid, type, at, "{}");
    }

    @Test
    void aMessageFromAContactWithNoOpenTicketOpensOne() {
        Intake intake = Intake.decide(ContactProfile.firstSeen(ANA, ANA_PHONE), message("wamid.A", "text", T0), NO_RULE);
        assertEquals(new Intake.Open(TicketId.openedBy(ANA, "wamid.A"), Optional.empty()), intake);
    }

    @Test
    void aNewTicketWaitsForAnAgentAndRunsFromTheCustomersMessage() {
        Ticket ticket = Ticket.open(TicketId.openedBy(ANA, "wamid.A"), ProtocolNumber.of(LocalDate.of(2026, 11, 21), 7), ANA, T0, Assignment.NONE);
        assertEquals(TicketStatus.WAITING, ticket.status());
        assertEquals(T0, ticket.openedAt());
        assertEquals(T0, ticket.lastInboundAt());
        assertEquals("20261121-000007", ticket.protocol().value());
    }

    @Test
    void laterMessagesJoinTheOpenTicket() {
        TicketId open = TicketId.openedBy(ANA, "wamid.A");
        ContactProfile profile = new ContactProfile(ANA, ANA_PHONE, Optional.empty(), false, false, false, Optional.empty(), Optional.of(open));
        assertEquals(new Intake.Join(open), Intake.decide(profile, message("wamid.B", "image", T0.plusSeconds(30)), NO_RULE));
    }

    @Test
    void joiningMovesLastInboundForwardButNeverBack() {
        Ticket ticket = Ticket.open(TicketId.openedBy(ANA, "wamid.A"), ProtocolNumber.of(LocalDate.of(2026, 11, 21), 1), ANA, T0, Assignment.NONE);
        Ticket later = ticket.joinedBy(T0.plusSeconds(600));
        assertEquals(T0.plusSeconds(600), later.lastInboundAt());
        assertEquals(T0, later.openedAt());
        assertEquals(later, later.joinedBy(T0.plusSeconds(10)));
        assertEquals(later, later.joinedBy(T0.plusSeconds(600)));
    }

    @Test
    void aBlockedContactsMessagesAreStoredButOpenNoTicket() {
        ContactProfile blocked = new ContactProfile(ANA, ANA_PHONE, Optional.empty(), true, false, false, Optional.empty(), Optional.empty());
        assertInstanceOf(Intake.StoreOnly.class, Intake.decide(blocked, message("wamid.A", "text", T0), NO_RULE));
    }

    @Test
    void systemMessagesAreNotTheCustomerWriting() {
        assertInstanceOf(Intake.StoreOnly.class,
                Intake.decide(ContactProfile.firstSeen(ANA, ANA_PHONE), message("wamid.S", "system", T0), NO_RULE));
    }

    @Test
    void everyOtherTypeCountsAsTheCustomerWriting() {
        for (String type : new String[] {"text", "image", "reaction", "button", "interactive", "unsupported", "brand_new"}) {
            assertInstanceOf(Intake.Open.class, Intake.decide(ContactProfile.firstSeen(ANA, ANA_PHONE), message("w." + type, type, T0), NO_RULE), type);
        }
    }

    @Test
    void aRedeliveredMessageNamesTheSameTicket() {
        assertEquals(TicketId.openedBy(ANA, "wamid.A"), TicketId.openedBy(ANA, "wamid.A"));
        assertNotEquals(TicketId.openedBy(ANA, "wamid.A"), TicketId.openedBy(ANA, "wamid.B"));
        assertNotEquals(TicketId.openedBy(ANA, "wamid.A"),
                TicketId.openedBy(new ContactKey("106540352242922", "k00000000000000000000000b"), "wamid.A"));
    }

    @Test
    void aTicketIdSaysWhichContactItIsWith() {
        TicketId id = TicketId.openedBy(ANA, "wamid.A");
        assertEquals(ANA.id(), id.contactId());
        assertEquals(35, id.value().length());
    }

    @Test
    void ticketIdsAndContactKeysRejectWhatTheyCannotBe() {
        assertThrows(IllegalArgumentException.class, () -> new TicketId("../etc"));
        assertThrows(IllegalArgumentException.class, () -> new ContactKey("106540352242922", "5511987654321"));
        assertThrows(IllegalArgumentException.class, () -> new ContactKey("", "k0a1b2c3d4e5f60718293a4b5"));
        assertThrows(IllegalArgumentException.class, () -> new TicketId("t1dfab686a79b92a7f8ab5aa2"));
        assertThrows(IllegalArgumentException.class, () -> ProtocolNumber.of(LocalDate.of(2026, 11, 21), 0));
    }

    @Test
    void logsNameAContactByItsKeyAndSeeOnlyTheLastDigitsOfAPhone() {
        assertEquals("106540352242922/k0a1b2c3d4e5f60718293a4b5", ANA.forLog());
        assertEquals("P:*********4321", new CustomerId.WaId("5511987654321").masked());
        assertEquals("U:*******************1918", new CustomerId.Bsuid("US.13491208655302741918").masked());
    }

    private static ReplyRule ruleSentAt(ReplyRoute route, Instant at) {
        return new ReplyRule(route, at, "bia@desk.example");
    }

    @Test
    void aReplyWithinADayOfAnActiveMessageOpensATicketRoutedWhereTheSendSaid() {
        ReplyRule rule = ruleSentAt(new ReplyRoute.ToAgent("bia@desk.example"), T0);
        Intake intake = Intake.decide(ContactProfile.firstSeen(ANA, ANA_PHONE), message("wamid.R", "text", T0.plusSeconds(3600)),
                Optional.of(rule));
        assertEquals(new Intake.Open(TicketId.openedBy(ANA, "wamid.R"), Optional.of(rule.route())), intake);
    }

    @Test
    void aReplyTwentyFourHoursAfterTheSendFollowsTheNormalRules() {
        ReplyRule rule = ruleSentAt(new ReplyRoute.ToDepartment("billing"), T0);
        Intake atTheEnd = Intake.decide(ContactProfile.firstSeen(ANA, ANA_PHONE), message("wamid.L", "text", T0.plus(ReplyRule.LIFETIME)),
                Optional.of(rule));
        assertEquals(new Intake.Open(TicketId.openedBy(ANA, "wamid.L"), Optional.empty()), atTheEnd);
        Intake justBefore = Intake.decide(ContactProfile.firstSeen(ANA, ANA_PHONE),
                message("wamid.J", "text", T0.plus(ReplyRule.LIFETIME).minusSeconds(1)), Optional.of(rule));
        assertEquals(new Intake.Open(TicketId.openedBy(ANA, "wamid.J"), Optional.of(rule.route())), justBefore);
    }

    @Test
    void aMessageSentBeforeTheActiveMessageIsNotItsReply() {
        ReplyRule rule = ruleSentAt(new ReplyRoute.ToDepartment("billing"), T0);
        assertEquals(new Intake.Open(TicketId.openedBy(ANA, "wamid.E"), Optional.empty()),
                Intake.decide(ContactProfile.firstSeen(ANA, ANA_PHONE), message("wamid.E", "text", T0.minusSeconds(1)), Optional.of(rule)));
    }

    @Test
    void aReplyRoutedToAFlowOpensNoHumanTicket() {
        ReplyRule rule = ruleSentAt(new ReplyRoute.ToFlow("nps-survey"), T0);
        assertEquals(new Intake.HandToFlow("nps-survey"),
                Intake.decide(ContactProfile.firstSeen(ANA, ANA_PHONE), message("wamid.F", "text", T0.plusSeconds(60)), Optional.of(rule)));
    }

    @Test
    void anOpenTicketKeepsTheConversationWhateverTheRule() {
        TicketId open = TicketId.openedBy(ANA, "wamid.A");
        ContactProfile profile = new ContactProfile(ANA, ANA_PHONE, Optional.empty(), false, false, false, Optional.empty(), Optional.of(open));
        ReplyRule rule = ruleSentAt(new ReplyRoute.ToFlow("nps-survey"), T0);
        assertEquals(new Intake.Join(open), Intake.decide(profile, message("wamid.B", "text", T0.plusSeconds(60)), Optional.of(rule)));
    }

    @Test
    void aNewerSendReplacesTheRuleAndAnOlderOneDoesNot() {
        ReplyRule older = ruleSentAt(new ReplyRoute.ToDepartment("billing"), T0);
        ReplyRule newer = ruleSentAt(new ReplyRoute.ToAgent("caio@desk.example"), T0.plusSeconds(5));
        assertEquals(true, newer.replaces(older));
        assertEquals(false, older.replaces(newer));
        assertEquals(T0.plus(ReplyRule.LIFETIME), older.expiresAt());
    }

    @Test
    void theRepliesOfAnActiveMessageGoToItsAgentOrWaitForThatAgentAlone() {
        ReplyRoute toBia = new ReplyRoute.ToAgent("Bia@Desk.example");
        io.janela.domain.team.Agent online = new io.janela.domain.team.Agent("bia@desk.example", "Bia", io.janela.domain.team.AgentStatus.ONLINE, false);
        io.janela.domain.team.Agent offline = new io.janela.domain.team.Agent("bia@desk.example", "Bia", io.janela.domain.team.AgentStatus.AWAY, false);
        Assignment assigned = Assignment.forReply(toBia, Optional.of(online));
        assertEquals(Optional.of("bia@desk.example"), assigned.agent());
        assertEquals(TicketStatus.OPEN, assigned.ticketStatus());
        Assignment waiting = Assignment.forReply(toBia, Optional.of(offline));
        assertEquals(Optional.empty(), waiting.agent());
        assertEquals(Optional.of("bia@desk.example"), waiting.reservedFor());
        assertEquals(TicketStatus.WAITING, waiting.ticketStatus());
        assertEquals(Optional.of("sales"), Assignment.forReply(new ReplyRoute.ToDepartment("sales"), Optional.empty()).department());
    }
}
