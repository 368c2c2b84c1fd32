package io.janela.domain.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.ContactProfile;
import io.janela.domain.message.InboundMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TicketRulesTest {

    private static final ContactKey ANA = new ContactKey("106540352242922", "5511987654321");
    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

    private static InboundMessage message(String wamid, String type, Instant at) {
        return new InboundMessage(ANA, wamid, type, at, "{}");
    }

    @Test
    void aMessageFromAContactWithNoOpenTicketOpensOne() {
        Intake intake = Intake.decide(ContactProfile.firstSeen(ANA), message("wamid.A", "text", T0));
        assertEquals(new Intake.Open(TicketId.openedBy(ANA, "wamid.A")), intake);
    }

    @Test
    void aNewTicketWaitsForAnAgentAndRunsFromTheCustomersMessage() {
        Ticket ticket = Ticket.open(TicketId.openedBy(ANA, "wamid.A"), ProtocolNumber.of(LocalDate.of(2026, 11, 21), 7), ANA, T0);
        assertEquals(TicketStatus.WAITING, ticket.status());
        assertEquals(T0, ticket.openedAt());
        assertEquals(T0, ticket.lastInboundAt());
        assertEquals("20261121-000007", ticket.protocol().value());
    }

    @Test
    void laterMessagesJoinTheOpenTicket() {
        TicketId open = TicketId.openedBy(ANA, "wamid.A");
        ContactProfile profile = new ContactProfile(ANA, Optional.empty(), false, false, Optional.of(open));
        assertEquals(new Intake.Join(open), Intake.decide(profile, message("wamid.B", "image", T0.plusSeconds(30))));
    }

    @Test
    void joiningMovesLastInboundForwardButNeverBack() {
        Ticket ticket = Ticket.open(TicketId.openedBy(ANA, "wamid.A"), ProtocolNumber.of(LocalDate.of(2026, 11, 21), 1), ANA, T0);
        Ticket later = ticket.joinedBy(T0.plusSeconds(600));
        assertEquals(T0.plusSeconds(600), later.lastInboundAt());
        assertEquals(T0, later.openedAt());
        assertEquals(later, later.joinedBy(T0.plusSeconds(10)));
        assertEquals(later, later.joinedBy(T0.plusSeconds(600)));
    }

    @Test
    void aBlockedContactsMessagesAreStoredButOpenNoTicket() {
        ContactProfile blocked = new ContactProfile(ANA, Optional.empty(), true, false, Optional.empty());
        assertInstanceOf(Intake.StoreOnly.class, Intake.decide(blocked, message("wamid.A", "text", T0)));
    }

    @Test
    void systemMessagesAreNotTheCustomerWriting() {
        assertInstanceOf(Intake.StoreOnly.class,
                Intake.decide(ContactProfile.firstSeen(ANA), message("wamid.S", "system", T0)));
    }

    @Test
    void everyOtherTypeCountsAsTheCustomerWriting() {
        for (String type : new String[] {"text", "image", "reaction", "button", "interactive", "unsupported", "brand_new"}) {
            assertInstanceOf(Intake.Open.class, Intake.decide(ContactProfile.firstSeen(ANA), message("w." + type, type, T0)), type);
        }
    }

    @Test
    void aRedeliveredMessageNamesTheSameTicket() {
        assertEquals(TicketId.openedBy(ANA, "wamid.A"), TicketId.openedBy(ANA, "wamid.A"));
        assertNotEquals(TicketId.openedBy(ANA, "wamid.A"), TicketId.openedBy(ANA, "wamid.B"));
        assertNotEquals(TicketId.openedBy(ANA, "wamid.A"),
                TicketId.openedBy(new ContactKey("999", "5511987654321"), "wamid.A"));
    }

    @Test
    void ticketIdsAndContactKeysRejectWhatTheyCannotBe() {
        assertThrows(IllegalArgumentException.class, () -> new TicketId("../etc"));
        assertThrows(IllegalArgumentException.class, () -> new ContactKey("106540352242922", "+55 11"));
        assertThrows(IllegalArgumentException.class, () -> new ContactKey("", "5511987654321"));
        assertThrows(IllegalArgumentException.class, () -> ProtocolNumber.of(LocalDate.of(2026, 11, 21), 0));
    }

    @Test
    void logsSeeOnlyTheLastDigitsOfAPhone() {
        assertEquals("106540352242922/*********4321", ANA.masked());
    }
}
