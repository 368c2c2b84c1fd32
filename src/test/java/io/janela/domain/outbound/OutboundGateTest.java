package io.janela.domain.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.outbound.OutboundGate.Allowed;
import io.janela.domain.outbound.OutboundGate.Recipient;
import io.janela.domain.outbound.OutboundGate.Refused;
import io.janela.domain.outbound.OutboundGate.Verdict;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.window.CustomerServiceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
    private static final OutboundGate GUARD = new OutboundGate(ActiveMessagePolicy.PERMITTED_AGENTS, Duration.ofMinutes(30));

    private static Recipient wroteAt(Instant at) {
        return new Recipient(ContactProfile.firstSeen(ANA, ANA_PHONE), CustomerServiceWindow.since(at), Optional.empty());
    }

    private static Verdict check(Agent actor, OutboundContent content, Recipient recipient, Instant now) {
        return GUARD.check(actor, content, Optional.empty(), recipient, APPROVED, Optional.empty(), now);
    }

    private static String refused(Verdict verdict) {
        return ((Refused) verdict).refusal().code();
    }

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
        OutboundGate blocked = new OutboundGate(ActiveMessagePolicy.BLOCKED, Duration.ofMinutes(30));
        Recipient ana = wroteAt(T0);
        assertEquals("active_messages_blocked", refused(blocked.check(BIA, FOLLOW_UP, Optional.empty(), ana, APPROVED,
                Optional.empty(), T0.plus(Duration.ofHours(25)))));
        assertEquals(new Allowed(false), blocked.check(BIA, FOLLOW_UP, Optional.empty(), ana, APPROVED, Optional.empty(),
                T0.plusSeconds(5)));
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
    void replyRoutingToSomeoneOutsideTheTeamIsRefused() {
        Verdict verdict = GUARD.check(BIA, FOLLOW_UP, Optional.of(new ReplyRoute.ToAgent("zeca@else.example")), wroteAt(T0),
                APPROVED, Optional.empty(), T0.plus(Duration.ofHours(30)));
        assertEquals("unknown_agent", refused(verdict));
    }

    @Test
    void templatesMustBeKnownApprovedEnabledAndGivenTheirParameters() {
        Recipient ana = wroteAt(T0);
        Instant now = T0.plusSeconds(5);
        assertEquals("template_not_approved", refused(GUARD.check(BIA, FOLLOW_UP, Optional.empty(), ana, Optional.empty(),
                Optional.empty(), now)));
        for (String status : List.of("PENDING", "REJECTED", "PAUSED", "DISABLED")) {
            Optional<Template> notApproved = Optional.of(new Template("pedido", "pt_BR", Optional.empty(), 1, true, Optional.of(status)));
            assertEquals("template_not_approved", refused(GUARD.check(BIA, FOLLOW_UP, Optional.empty(), ana, notApproved,
                    Optional.empty(), now)), status);
        }
        Optional<Template> disabled = Optional.of(new Template("pedido", "pt_BR", Optional.empty(), 1, false, Optional.of("APPROVED")));
        assertEquals("template_not_approved", refused(GUARD.check(BIA, FOLLOW_UP, Optional.empty(), ana, disabled,
                Optional.empty(), now)));
        OutboundContent.Template missing = new OutboundContent.Template("pedido", "pt_BR", List.of());
        assertEquals("template_parameters", refused(check(BIA, missing, ana, now)));
    }
}
