package io.janela.domain.ticket;

import static io.janela.domain.ticket.TicketFixtures.BIA;
import static io.janela.domain.ticket.TicketFixtures.T0;
import static io.janela.domain.ticket.TicketFixtures.closed;
import static io.janela.domain.ticket.TicketFixtures.heldBy;
import static io.janela.domain.ticket.TicketFixtures.opened;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a close applies to a ticket as it stands, and when it does not, why. */
class CloseConditionTest {

    private static final ScheduledClose AT_NOON = new ScheduledClose(T0.plus(Duration.ofHours(3)), true, Optional.empty(),
            BIA, T0.plus(Duration.ofMinutes(10)));

    @Test
    void anAgentClosesAnyOpenTicket() {
        assertEquals(CloseOutcome.CLOSED, new CloseCondition.WhileOpen().outcomeFor(Optional.of(opened(heldBy(BIA)))));
    }

    @Test
    void aTicketThatIsGoneIsNotFoundAndAClosedOneIsNotClosedTwice() {
        CloseCondition anyClose = new CloseCondition.WhileOpen();

        assertEquals(CloseOutcome.NOT_FOUND, anyClose.outcomeFor(Optional.empty()));
        assertEquals(CloseOutcome.ALREADY_CLOSED, anyClose.outcomeFor(Optional.of(closed(opened(heldBy(BIA))))));
        assertEquals(CloseOutcome.ALREADY_CLOSED,
                new CloseCondition.Unchanged(T0).outcomeFor(Optional.of(closed(opened(heldBy(BIA))))));
    }

    @Test
    void theGuardsCloseGivesWayToACustomerMessageSinceItsRead() {
        Ticket wroteAgain = opened(heldBy(BIA)).joinedBy(T0.plusSeconds(1));

        assertEquals(CloseOutcome.CLOSED, new CloseCondition.Unchanged(T0).outcomeFor(Optional.of(opened(heldBy(BIA)))));
        assertEquals(CloseOutcome.CUSTOMER_WROTE, new CloseCondition.Unchanged(T0).outcomeFor(Optional.of(wroteAgain)));
    }

    @Test
    void theGuardReadsInstantsToTheSecondAsTheyAreStored() {
        assertEquals(CloseOutcome.CLOSED,
                new CloseCondition.Unchanged(T0.plusMillis(400)).outcomeFor(Optional.of(opened(heldBy(BIA)))));
    }

    @Test
    void aScheduledCloseAppliesOnlyWhileItIsTheOneScheduled() {
        Ticket scheduled = scheduled(opened(heldBy(BIA)), AT_NOON);
        ScheduledClose moved = new ScheduledClose(AT_NOON.at().plusSeconds(60), true, Optional.empty(), BIA,
                AT_NOON.requestedAt());

        assertEquals(CloseOutcome.CLOSED, new CloseCondition.AsScheduled(AT_NOON).outcomeFor(Optional.of(scheduled)));
        assertEquals(CloseOutcome.SCHEDULE_CHANGED,
                new CloseCondition.AsScheduled(AT_NOON).outcomeFor(Optional.of(scheduled(opened(heldBy(BIA)), moved))));
        assertEquals(CloseOutcome.SCHEDULE_CHANGED,
                new CloseCondition.AsScheduled(AT_NOON).outcomeFor(Optional.of(opened(heldBy(BIA)))));
    }

    @Test
    void aReplyAfterTheRequestCancelsAScheduledCloseThatGivesWay() {
        Ticket repliedAfter = scheduled(opened(heldBy(BIA)), AT_NOON).joinedBy(AT_NOON.requestedAt().plusSeconds(1));
        ScheduledClose regardless = new ScheduledClose(AT_NOON.at(), false, Optional.empty(), BIA, AT_NOON.requestedAt());
        Ticket repliedAfterRegardless = scheduled(opened(heldBy(BIA)), regardless).joinedBy(AT_NOON.requestedAt().plusSeconds(1));

        assertEquals(CloseOutcome.CUSTOMER_WROTE, new CloseCondition.AsScheduled(AT_NOON).outcomeFor(Optional.of(repliedAfter)));
        assertEquals(CloseOutcome.CLOSED,
                new CloseCondition.AsScheduled(regardless).outcomeFor(Optional.of(repliedAfterRegardless)));
    }

    private static Ticket scheduled(Ticket ticket, ScheduledClose close) {
        return new Ticket(ticket.id(), ticket.protocol(), ticket.contact(), ticket.status(), ticket.openedAt(),
                ticket.lastInboundAt(), ticket.assignment(), ticket.closing(), Optional.of(close), ticket.contactName(),
                ticket.tags(), ticket.unansweredSince(), ticket.contactIdentity());
    }
}
