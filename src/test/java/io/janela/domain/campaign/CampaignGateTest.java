package io.janela.domain.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.outbound.OutboundGate;
import io.janela.domain.outbound.OutboundGate.Allowed;
import io.janela.domain.outbound.OutboundGate.CampaignMessage;
import io.janela.domain.outbound.OutboundGate.Desk;
import io.janela.domain.outbound.OutboundGate.Refused;
import io.janela.domain.outbound.OutboundGate.Verdict;
import io.janela.domain.outbound.Refusal;
import io.janela.domain.outbound.SendBackoff;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the outbound gate lets a campaign send: once per batch, what pauses the whole campaign; just
 * before each recipient's send, what skips that recipient, and as which {@link SkipReason}.
 */
class CampaignGateTest {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private static final ContactKey DORA = new ContactKey("106540352242922", "k0a1b2c3d4e5f60718293a4b5");
    private static final ContactIdentity PHONE = ContactIdentity.of(new CustomerId.WaId("5511987654321"));
    private static final ContactIdentity USER_ID_ONLY = ContactIdentity.of(new CustomerId.Bsuid("US.13491208655302741918"));
    private static final ContactIdentity PHONE_AND_USER_ID = new ContactIdentity(
            Optional.of(new CustomerId.WaId("5511987654321")), Optional.of(new CustomerId.Bsuid("US.13491208655302741918")),
            Optional.empty(), Optional.empty());
    private static final Optional<String> AUTHENTICATION = Optional.of("AUTHENTICATION");
    private static final Optional<String> MARKETING = Optional.of("MARKETING");
    private static final Agent MARINA = new Agent("marina@desk.example", "Marina", AgentStatus.ONLINE, true);
    private static final Agent CAIO = new Agent("caio@desk.example", "Caio", AgentStatus.ONLINE, false);
    private static final Optional<Template> APPROVED = Optional.of(
            new Template("oferta", "pt_BR", MARKETING, 1, true, Optional.of("APPROVED")));
    private static final OutboundGate GATE = new OutboundGate(Duration.ofMinutes(30));
    private static final Desk DESK = desk(ActiveMessagePolicy.PERMITTED_AGENTS, Optional.empty(), APPROVED);

    private static Desk desk(ActiveMessagePolicy policy, Optional<SendBackoff> senderBackoff, Optional<Template> template) {
        return new Desk(policy, senderBackoff, template);
    }

    private static CampaignMessage campaign(Agent creator, Optional<String> category) {
        return new CampaignMessage(creator, "oferta", "pt_BR", category);
    }

    private static OutboundGate.Recipient known(ContactIdentity identity) {
        return new OutboundGate.Recipient(ContactProfile.firstSeen(DORA, identity), CustomerServiceWindow.none(), Optional.empty());
    }

    private static OutboundGate.Recipient known(boolean blocked, boolean broadcastOptOut, boolean undeliverable,
            Optional<Instant> sendBackoffUntil, Optional<Ticket> openTicket) {
        ContactProfile profile = new ContactProfile(DORA, PHONE, Optional.empty(), blocked, broadcastOptOut, undeliverable,
                sendBackoffUntil, Optional.empty());
        return new OutboundGate.Recipient(profile, CustomerServiceWindow.none(), openTicket);
    }

    private static Optional<SkipReason> skipReason(OutboundGate.Recipient recipient, Optional<String> category) {
        Verdict verdict = GATE.check(campaign(MARINA, category), DESK, recipient, NOW);
        return verdict instanceof Refused refused ? Optional.of(SkipReason.of(refused.refusal())) : Optional.empty();
    }

    private static Optional<String> pause(Desk desk, Agent creator) {
        return GATE.deskProblem(campaign(creator, MARKETING), desk, NOW).map(Refusal::code);
    }

    private static Optional<Ticket> ticketHeldBy(Agent agent) {
        return Optional.of(Ticket.open(TicketId.openedBy(DORA, "wamid.D1"), ProtocolNumber.of(LocalDate.of(2026, 11, 21), 3),
                DORA, NOW.minus(Duration.ofHours(2)), new Assignment(Optional.of(agent.email()), Optional.empty(), Optional.empty())));
    }

    // skipped just before the send

    @Test
    void anAuthenticationTemplateSkipsARecipientKnownOnlyByUserId() {
        assertEquals(Optional.of(SkipReason.PHONE_REQUIRED), skipReason(known(USER_ID_ONLY), AUTHENTICATION));
        assertEquals(Optional.of(SkipReason.PHONE_REQUIRED),
                skipReason(known(USER_ID_ONLY), Optional.of("authentication")), "as the desk spelled it");
        assertEquals(Optional.empty(), skipReason(known(PHONE_AND_USER_ID), AUTHENTICATION));
        assertEquals(Optional.empty(), skipReason(known(USER_ID_ONLY), MARKETING));
        assertEquals(Optional.empty(), skipReason(known(USER_ID_ONLY), Optional.empty()));
    }

    @Test
    void aContactWithNeitherPhoneNorUserIdHasNoAddress() {
        assertEquals(Optional.of(SkipReason.NO_ADDRESS), skipReason(known(ContactIdentity.NONE), MARKETING));
    }

    @Test
    void aCampaignSkipsAContactWhoOptedOutOfBroadcasts() {
        assertEquals(Optional.of(SkipReason.BROADCAST_OPT_OUT),
                skipReason(known(false, true, false, Optional.empty(), Optional.empty()), MARKETING));
    }

    @Test
    void aCampaignSkipsAContactMetaCannotDeliverTo() {
        assertEquals(Optional.of(SkipReason.UNDELIVERABLE),
                skipReason(known(false, false, true, Optional.empty(), Optional.empty()), MARKETING));
    }

    @Test
    void aCampaignSkipsABlockedContactBeforeAnythingElse() {
        assertEquals(Optional.of(SkipReason.BLOCKED),
                skipReason(known(true, true, true, Optional.of(NOW.plusSeconds(16)), ticketHeldBy(MARINA)), MARKETING));
    }

    @Test
    void aCampaignSkipsAContactWithAnOpenTicketEvenOneItsCreatorHolds() {
        assertEquals(Optional.of(SkipReason.OPEN_TICKET),
                skipReason(known(false, false, false, Optional.empty(), ticketHeldBy(CAIO)), MARKETING));
        assertEquals(Optional.of(SkipReason.OPEN_TICKET),
                skipReason(known(false, false, false, Optional.empty(), ticketHeldBy(MARINA)), MARKETING));
    }

    @Test
    void aContactUnderItsOwnBackoffIsSkippedAsRefusedOnceNothingElseSkipsIt() {
        Optional<Instant> backedOff = Optional.of(NOW.plusSeconds(16));
        assertEquals(Optional.of(SkipReason.REFUSED), skipReason(known(false, false, false, backedOff, Optional.empty()), MARKETING));
        assertEquals(Optional.of(SkipReason.OPEN_TICKET),
                skipReason(known(false, false, false, backedOff, ticketHeldBy(CAIO)), MARKETING));
        assertEquals(Optional.empty(), skipReason(known(false, false, false, Optional.of(NOW), Optional.empty()), MARKETING),
                "a backoff ends at its instant");
    }

    @Test
    void aCampaignMessageOutsideTheWindowIsAnActiveMessage() {
        assertEquals(new Allowed(true), GATE.check(campaign(MARINA, MARKETING), DESK, known(PHONE), NOW));
        OutboundGate.Recipient wroteAnHourAgo = new OutboundGate.Recipient(ContactProfile.firstSeen(DORA, PHONE),
                CustomerServiceWindow.since(NOW.minus(Duration.ofHours(1))), Optional.empty());
        assertEquals(new Allowed(false), GATE.check(campaign(MARINA, MARKETING), DESK, wroteAnHourAgo, NOW));
    }

    // paused for every recipient alike

    @Test
    void aCampaignPausesWhileItsBusinessNumberIsBackedOff() {
        Desk backedOff = desk(ActiveMessagePolicy.ALLOWED, Optional.of(new SendBackoff(1, NOW.plusSeconds(4))), APPROVED);
        assertEquals(Optional.of("rate_limited"), pause(backedOff, MARINA));
        assertEquals(Optional.empty(), GATE.deskProblem(campaign(MARINA, MARKETING), backedOff, NOW.plusSeconds(4)));
    }

    @Test
    void aCampaignPausesWhenItsTemplateIsUnknownUnapprovedOrDisabled() {
        assertEquals(Optional.of("template_not_approved"), pause(desk(ActiveMessagePolicy.ALLOWED, Optional.empty(), Optional.empty()), MARINA));
        Optional<Template> paused = Optional.of(new Template("oferta", "pt_BR", MARKETING, 1, true, Optional.of("PAUSED")));
        assertEquals(Optional.of("template_not_approved"), pause(desk(ActiveMessagePolicy.ALLOWED, Optional.empty(), paused), MARINA));
        Optional<Template> disabled = Optional.of(new Template("oferta", "pt_BR", MARKETING, 1, false, Optional.of("APPROVED")));
        assertEquals(Optional.of("template_not_approved"), pause(desk(ActiveMessagePolicy.ALLOWED, Optional.empty(), disabled), MARINA));
    }

    @Test
    void aCampaignPausesWhenItsCreatorMayNotSendActiveMessages() {
        assertEquals(Optional.of("agent_not_permitted"), pause(DESK, CAIO));
        assertEquals(Optional.of("active_messages_blocked"), pause(desk(ActiveMessagePolicy.BLOCKED, Optional.empty(), APPROVED), MARINA));
        assertEquals(Optional.empty(), pause(desk(ActiveMessagePolicy.ALLOWED, Optional.empty(), APPROVED), CAIO));
        assertEquals(Optional.empty(), pause(DESK, MARINA));
    }

    @Test
    void aCampaignIsMadeWhateverItsNumbersBackoffAndMadeOnlyWhenItCouldBeSent() {
        Desk backedOff = desk(ActiveMessagePolicy.PERMITTED_AGENTS, Optional.of(new SendBackoff(1, NOW.plusSeconds(4))), APPROVED);
        assertEquals(Optional.empty(), GATE.campaignProblem(campaign(MARINA, MARKETING), backedOff));
        assertEquals(Optional.of("agent_not_permitted"), GATE.campaignProblem(campaign(CAIO, MARKETING), backedOff).map(Refusal::code));
        assertEquals(Optional.of("template_not_approved"), GATE.campaignProblem(campaign(MARINA, MARKETING),
                desk(ActiveMessagePolicy.ALLOWED, Optional.empty(), Optional.empty())).map(Refusal::code));
    }

    @Test
    void eachRecipientIsWeighedAgainstWhatPausesTheCampaignFirst() {
        Refusal refusal = ((Refused) GATE.check(campaign(CAIO, MARKETING), DESK,
                known(false, true, false, Optional.empty(), Optional.empty()), NOW)).refusal();
        assertEquals("agent_not_permitted", refusal.code());
        assertEquals(SkipReason.REFUSED, SkipReason.of(refusal));
    }
}
