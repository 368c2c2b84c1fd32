package io.janela.domain.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.outbound.OutboundGate.AgentMessage;
import io.janela.domain.outbound.OutboundGate.Allowed;
import io.janela.domain.outbound.OutboundGate.Desk;
import io.janela.domain.outbound.OutboundGate.HeldBackRetry;
import io.janela.domain.outbound.OutboundGate.JanelaText;
import io.janela.domain.outbound.OutboundGate.Recipient;
import io.janela.domain.outbound.OutboundGate.Refused;
import io.janela.domain.outbound.OutboundGate.Send;
import io.janela.domain.outbound.OutboundGate.Verdict;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.ProtocolNumber;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.window.CustomerServiceWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gate's rules for an agent's message, Janela's own text and the retry of a template Meta held back. */
class OutboundGateTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final ContactKey ANA = new ContactKey("106540352242922", "k0a1b2c3d4e5f60718293a4b5");
    private static final ContactIdentity ANA_PHONE = ContactIdentity.of(new CustomerId.WaId("5511987654321"));
    private static final Agent BIA = new Agent("bia@desk.example", "Bia", AgentStatus.ONLINE, true);
    private static final Agent CAIO = new Agent("caio@desk.example", "Caio", AgentStatus.ONLINE, false);
    private static final OutboundContent.Text HELLO = new OutboundContent.Text("Olá");
    private static final OutboundContent.Template FOLLOW_UP = new OutboundContent.Template("pedido", "pt_BR", List.of("Ana"));
    private static final Optional<Template> APPROVED = Optional.of(
            new Template("pedido", "pt_BR", Optional.of("utility"), 1, true, Optional.of("APPROVED")));
    private static final OutboundGate GATE = new OutboundGate(Duration.ofMinutes(30));
    private static final Desk DESK = desk(ActiveMessagePolicy.PERMITTED_AGENTS, APPROVED);
    private static final Instant WINDOW_CLOSED = T0.plus(Duration.ofHours(30));

    private static Desk desk(ActiveMessagePolicy policy, Optional<Template> template) {
        return new Desk(policy, Optional.empty(), template);
    }

    private static Recipient wroteAt(Instant at) {
        return new Recipient(ContactProfile.firstSeen(ANA, ANA_PHONE), CustomerServiceWindow.since(at), Optional.empty());
    }

    private static AgentMessage from(Agent actor, OutboundContent content) {
        return new AgentMessage(actor, content, Optional.empty(), Optional.empty());
    }

    private static Verdict check(Agent actor, OutboundContent content, Recipient recipient, Instant now) {
        return GATE.check(from(actor, content), DESK, recipient, now);
    }

    private static String refused(Verdict verdict) {
        return ((Refused) verdict).refusal().code();
    }

    private static ContactProfile profile(boolean blocked, boolean broadcastOptOut, boolean undeliverable,
            Optional<Instant> sendBackoffUntil) {
        return new ContactProfile(ANA, ANA_PHONE, Optional.empty(), blocked, broadcastOptOut, undeliverable, sendBackoffUntil,
                Optional.empty());
    }

    private static Recipient withTicketHeldBy(Optional<String> agent) {
        Ticket ticket = Ticket.open(TicketId.openedBy(ANA, "wamid.A1"), ProtocolNumber.of(LocalDate.of(2026, 11, 21), 7), ANA,
                T0, new Assignment(agent, Optional.empty(), Optional.empty()));
        return new Recipient(ContactProfile.firstSeen(ANA, ANA_PHONE), CustomerServiceWindow.since(T0), Optional.of(ticket));
    }

    private static Desk numberBackedOffUntil(Instant until) {
        return new Desk(ActiveMessagePolicy.ALLOWED, Optional.of(new SendBackoff(1, until)), APPROVED);
    }

    // An agent's message

    @Test
    void freeFormIsAllowedWhileTheWindowIsOpenOrExpiring() {
        assertEquals(new Allowed(false), check(CAIO, HELLO, wroteAt(T0), T0.plus(Duration.ofHours(1))));
        assertEquals(new Allowed(false), check(CAIO, HELLO, wroteAt(T0), T0.plus(Duration.ofHours(24)).minusSeconds(1)));
    }

    @Test
    void freeFormIsRefusedOnceTheWindowHasClosed() {
        assertEquals("window_closed", refused(check(BIA, HELLO, wroteAt(T0), T0.plus(Duration.ofHours(24)))));
        Recipient never = new Recipient(ContactProfile.firstSeen(ANA, ANA_PHONE), CustomerServiceWindow.none(), Optional.empty());
        assertEquals("window_closed", refused(check(BIA, HELLO, never, T0)));
    }

    @Test
    void metaSayingTheWindowClosedWinsOverOurClock() {
        Recipient closedByMeta = new Recipient(ContactProfile.firstSeen(ANA, ANA_PHONE),
                CustomerServiceWindow.since(T0).closedByMetaAt(T0.plus(Duration.ofHours(2))), Optional.empty());
        assertEquals("window_closed", refused(check(BIA, HELLO, closedByMeta, T0.plus(Duration.ofHours(3)))));
    }

    @Test
    void aTemplateOutsideTheWindowIsAnActiveMessage() {
        assertEquals(new Allowed(true), check(BIA, FOLLOW_UP, wroteAt(T0), T0.plus(Duration.ofHours(30))));
        assertEquals("agent_not_permitted", refused(check(CAIO, FOLLOW_UP, wroteAt(T0), T0.plus(Duration.ofHours(30)))));
        assertEquals(new Allowed(false), check(CAIO, FOLLOW_UP, wroteAt(T0), T0.plus(Duration.ofHours(1))));
    }

    @Test
    void blockedPolicyStopsEveryActiveMessageButNotTemplatesInsideTheWindow() {
        Desk blocked = desk(ActiveMessagePolicy.BLOCKED, APPROVED);
        Recipient ana = wroteAt(T0);
        assertEquals("active_messages_blocked", refused(GATE.check(from(BIA, FOLLOW_UP), blocked, ana,
                T0.plus(Duration.ofHours(25)))));
        assertEquals(new Allowed(false), GATE.check(from(BIA, FOLLOW_UP), blocked, ana, T0.plusSeconds(5)));
    }

    @Test
    void anAllowedPolicyLetsEveryAgentSendActiveMessages() {
        assertEquals(new Allowed(true), GATE.check(from(CAIO, FOLLOW_UP), desk(ActiveMessagePolicy.ALLOWED, APPROVED),
                wroteAt(T0), WINDOW_CLOSED));
    }

    @Test
    void aBlockedContactAndAPairBackoffStopEverything() {
        ContactProfile blocked = new ContactProfile(ANA, ANA_PHONE, Optional.empty(), true, false, false, Optional.empty(), Optional.empty());
        assertEquals("contact_blocked", refused(check(BIA, HELLO,
                new Recipient(blocked, CustomerServiceWindow.since(T0), Optional.empty()), T0.plusSeconds(5))));
        ContactProfile slowDown = new ContactProfile(ANA, ANA_PHONE, Optional.empty(), false, false, false,
                Optional.of(T0.plusSeconds(16)), Optional.empty());
        Recipient pausing = new Recipient(slowDown, CustomerServiceWindow.since(T0), Optional.empty());
        assertEquals("rate_limited", refused(check(BIA, HELLO, pausing, T0.plusSeconds(5))));
        assertEquals(new Allowed(false), check(BIA, HELLO, pausing, T0.plusSeconds(16)));
    }

    @Test
    void aBackedOffBusinessNumberRefusesAnAgentUntilTheBackoffEnds() {
        Desk backedOff = numberBackedOffUntil(T0.plusSeconds(16));
        assertEquals("rate_limited", refused(GATE.check(from(BIA, HELLO), backedOff, wroteAt(T0), T0.plusSeconds(5))));
        assertEquals(new Allowed(false), GATE.check(from(BIA, HELLO), backedOff, wroteAt(T0), T0.plusSeconds(16)));
    }

    @Test
    void theNumbersBackoffIsWeighedBeforeTheContact() {
        Recipient blocked = new Recipient(profile(true, false, false, Optional.empty()), CustomerServiceWindow.since(T0),
                Optional.empty());
        assertEquals("rate_limited", refused(GATE.check(from(BIA, HELLO), numberBackedOffUntil(T0.plusSeconds(16)), blocked,
                T0.plusSeconds(5))));
    }

    @Test
    void aContactBeyondReachIsRefusedBeforeAnyTemplateRule() {
        Recipient blocked = new Recipient(profile(true, false, false, Optional.empty()), CustomerServiceWindow.since(T0),
                Optional.empty());
        assertEquals("contact_blocked", refused(GATE.check(from(BIA, FOLLOW_UP), desk(ActiveMessagePolicy.BLOCKED,
                Optional.empty()), blocked, WINDOW_CLOSED)));
    }

    @Test
    void replyRoutingToSomeoneOutsideTheTeamIsRefused() {
        Verdict verdict = GATE.check(new AgentMessage(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent("zeca@else.example")),
                Optional.empty()), DESK, wroteAt(T0), T0.plus(Duration.ofHours(30)));
        assertEquals("unknown_agent", refused(verdict));
        assertEquals(new Allowed(true), GATE.check(new AgentMessage(BIA, FOLLOW_UP,
                Optional.of(new ReplyRoute.ToAgent(CAIO.email())), Optional.of(CAIO)), DESK, wroteAt(T0), WINDOW_CLOSED));
    }

    @Test
    void templatesMustBeKnownApprovedEnabledAndGivenTheirParameters() {
        Recipient ana = wroteAt(T0);
        Instant now = T0.plusSeconds(5);
        assertEquals("template_not_approved", refused(GATE.check(from(BIA, FOLLOW_UP),
                desk(ActiveMessagePolicy.PERMITTED_AGENTS, Optional.empty()), ana, now)));
        for (String status : List.of("PENDING", "REJECTED", "PAUSED", "DISABLED")) {
            Optional<Template> notApproved = Optional.of(new Template("pedido", "pt_BR", Optional.empty(), 1, true, Optional.of(status)));
            assertEquals("template_not_approved", refused(GATE.check(from(BIA, FOLLOW_UP),
                    desk(ActiveMessagePolicy.PERMITTED_AGENTS, notApproved), ana, now)), status);
        }
        Optional<Template> disabled = Optional.of(new Template("pedido", "pt_BR", Optional.empty(), 1, false, Optional.of("APPROVED")));
        assertEquals("template_not_approved", refused(GATE.check(from(BIA, FOLLOW_UP),
                desk(ActiveMessagePolicy.PERMITTED_AGENTS, disabled), ana, now)));
        OutboundContent.Template missing = new OutboundContent.Template("pedido", "pt_BR", List.of());
        assertEquals("template_parameters", refused(check(BIA, missing, ana, now)));
    }

    @Test
    void anAuthenticationTemplateGoesOnlyToAContactWithAPhone() {
        Optional<Template> authentication = Optional.of(
                new Template("pedido", "pt_BR", Optional.of("AUTHENTICATION"), 1, true, Optional.of("APPROVED")));
        Recipient userIdOnly = new Recipient(ContactProfile.firstSeen(ANA, ContactIdentity.of(
                new CustomerId.Bsuid("US.13491208655302741918"))), CustomerServiceWindow.since(T0), Optional.empty());
        Desk desk = desk(ActiveMessagePolicy.PERMITTED_AGENTS, authentication);
        assertEquals("phone_required", refused(GATE.check(from(BIA, FOLLOW_UP), desk, userIdOnly, T0.plusSeconds(5))));
        assertEquals(new Allowed(false), GATE.check(from(BIA, FOLLOW_UP), desk, wroteAt(T0), T0.plusSeconds(5)));
    }

    @Test
    void anActiveMessageReachesAContactWithAnOpenTicketOnlyFromItsHolder() {
        assertEquals(new Allowed(true), check(BIA, FOLLOW_UP, withTicketHeldBy(Optional.of(BIA.email())), WINDOW_CLOSED));
        assertEquals("open_ticket", refused(check(BIA, FOLLOW_UP, withTicketHeldBy(Optional.of("dora@desk.example")),
                WINDOW_CLOSED)));
        assertEquals("open_ticket", refused(check(BIA, FOLLOW_UP, withTicketHeldBy(Optional.empty()), WINDOW_CLOSED)));
        assertEquals(new Allowed(false), check(BIA, FOLLOW_UP, withTicketHeldBy(Optional.empty()), T0.plusSeconds(5)),
                "inside the window anyone may answer");
    }

    // Janela's own text: a closing message, a nudge

    @Test
    void janelasTextGoesOnlyInsideTheWindow() {
        Send closing = new JanelaText(HELLO);
        assertEquals(new Allowed(false), GATE.check(closing, DESK, wroteAt(T0), T0.plus(Duration.ofHours(23))));
        assertEquals("window_closed", refused(GATE.check(closing, DESK, wroteAt(T0), T0.plus(Duration.ofHours(24)))));
    }

    @Test
    void janelasTextIsNeverAnActiveMessageWhateverThePolicy() {
        assertEquals("window_closed", refused(GATE.check(new JanelaText(HELLO), desk(ActiveMessagePolicy.ALLOWED, APPROVED),
                wroteAt(T0), WINDOW_CLOSED)));
    }

    @Test
    void janelasTextStopsAtABlockedContactAContactWithNoAddressAndEitherBackoff() {
        Send nudge = new JanelaText(HELLO);
        Instant now = T0.plusSeconds(5);
        assertEquals("contact_blocked", refused(GATE.check(nudge, DESK, new Recipient(profile(true, false, false,
                Optional.empty()), CustomerServiceWindow.since(T0), Optional.empty()), now)));
        assertEquals("no_address", refused(GATE.check(nudge, DESK, new Recipient(ContactProfile.firstSeen(ANA,
                ContactIdentity.NONE), CustomerServiceWindow.since(T0), Optional.empty()), now)));
        assertEquals("rate_limited", refused(GATE.check(nudge, DESK, new Recipient(profile(false, false, false,
                Optional.of(T0.plusSeconds(16))), CustomerServiceWindow.since(T0), Optional.empty()), now)));
        assertEquals("rate_limited", refused(GATE.check(nudge, numberBackedOffUntil(T0.plusSeconds(16)), wroteAt(T0), now)));
    }

    @Test
    void janelasTextIgnoresWhatOnlyCampaignsWeigh() {
        Recipient optedOutUndeliverable = new Recipient(profile(false, true, true, Optional.empty()),
                CustomerServiceWindow.since(T0), Optional.empty());
        assertEquals(new Allowed(false), GATE.check(new JanelaText(HELLO), DESK, optedOutUndeliverable, T0.plusSeconds(5)));
        assertEquals(new Allowed(false), GATE.check(new JanelaText(HELLO), DESK, withTicketHeldBy(Optional.empty()),
                T0.plusSeconds(5)));
    }

    // The one retry of a template Meta held back (131049)

    private static Verdict retry(Desk desk, Recipient recipient) {
        return GATE.check(new HeldBackRetry(FOLLOW_UP, Optional.of("UTILITY")), desk, recipient, WINDOW_CLOSED);
    }

    @Test
    void theHeldBackRetryIgnoresAgentPermission() {
        assertEquals(new Allowed(true), retry(desk(ActiveMessagePolicy.PERMITTED_AGENTS, APPROVED), wroteAt(T0)));
        assertEquals("active_messages_blocked", refused(retry(desk(ActiveMessagePolicy.BLOCKED, APPROVED), wroteAt(T0))));
    }

    @Test
    void theHeldBackRetryIsDroppedWhenTheContactWouldBeSkipped() {
        assertEquals("contact_blocked", refused(retry(DESK, new Recipient(profile(true, false, false, Optional.empty()),
                CustomerServiceWindow.since(T0), Optional.empty()))));
        assertEquals("broadcast_opt_out", refused(retry(DESK, new Recipient(profile(false, true, false, Optional.empty()),
                CustomerServiceWindow.since(T0), Optional.empty()))));
        assertEquals("undeliverable", refused(retry(DESK, new Recipient(profile(false, false, true, Optional.empty()),
                CustomerServiceWindow.since(T0), Optional.empty()))));
        assertEquals("open_ticket", refused(retry(DESK, withTicketHeldBy(Optional.of(BIA.email())))));
        Recipient userIdOnly = new Recipient(ContactProfile.firstSeen(ANA, ContactIdentity.of(
                new CustomerId.Bsuid("US.13491208655302741918"))), CustomerServiceWindow.since(T0), Optional.empty());
        assertEquals("phone_required", refused(GATE.check(new HeldBackRetry(FOLLOW_UP, Optional.of("AUTHENTICATION")), DESK,
                userIdOnly, WINDOW_CLOSED)), "the category the first send was recorded with");
    }

    @Test
    void theHeldBackRetryIsDroppedWhenItsTemplateIsNoLongerApproved() {
        assertEquals("template_not_approved", refused(retry(desk(ActiveMessagePolicy.ALLOWED, Optional.empty()), wroteAt(T0))));
        Optional<Template> paused = Optional.of(new Template("pedido", "pt_BR", Optional.empty(), 1, true, Optional.of("PAUSED")));
        assertEquals("template_not_approved", refused(retry(desk(ActiveMessagePolicy.ALLOWED, paused), wroteAt(T0))));
    }

    @Test
    void theHeldBackRetryIsHeldBackByNeitherBackoffNorTheParameterCount() {
        Recipient pausing = new Recipient(profile(false, false, false, Optional.of(WINDOW_CLOSED.plusSeconds(16))),
                CustomerServiceWindow.since(T0), Optional.empty());
        assertEquals(new Allowed(true), retry(numberBackedOffUntil(WINDOW_CLOSED.plusSeconds(16)), pausing));
        Optional<Template> nowTakesTwo = Optional.of(new Template("pedido", "pt_BR", Optional.empty(), 2, true, Optional.of("APPROVED")));
        assertEquals(new Allowed(true), retry(desk(ActiveMessagePolicy.ALLOWED, nowTakesTwo), wroteAt(T0)));
    }

    @Test
    void aHeldBackRetryInsideTheWindowIsNoActiveMessage() {
        assertEquals(new Allowed(false), GATE.check(new HeldBackRetry(FOLLOW_UP, Optional.empty()), DESK, wroteAt(T0),
                T0.plusSeconds(5)));
    }

    // A read receipt

    @Test
    void aReadReceiptReachesTheCustomerWhateverTheWindowAndThePolicy() {
        Desk blocked = desk(ActiveMessagePolicy.BLOCKED, Optional.empty());

        assertEquals(Optional.empty(), GATE.receiptProblem(blocked, wroteAt(T0), WINDOW_CLOSED));
    }

    @Test
    void aReadReceiptIsRefusedForABlockedContactAndWhileMetaAsksToSlowDown() {
        Recipient blockedContact = new Recipient(profile(true, false, false, Optional.empty()), CustomerServiceWindow.since(T0),
                Optional.empty());
        Recipient contactBackedOff = new Recipient(profile(false, false, false, Optional.of(T0.plusSeconds(60))),
                CustomerServiceWindow.since(T0), Optional.empty());

        assertEquals("contact_blocked", GATE.receiptProblem(DESK, blockedContact, T0).orElseThrow().code());
        assertEquals("rate_limited", GATE.receiptProblem(numberBackedOffUntil(T0.plusSeconds(5)), wroteAt(T0), T0)
                .orElseThrow().code());
        assertEquals("rate_limited", GATE.receiptProblem(DESK, contactBackedOff, T0).orElseThrow().code());
        assertEquals(Optional.empty(), GATE.receiptProblem(numberBackedOffUntil(T0.plusSeconds(5)), wroteAt(T0),
                T0.plusSeconds(5)), "the backoff is over at its end");
    }
}
