package io.janela.domain.ticket;

import static io.janela.domain.ticket.TicketFixtures.BIA;
import static io.janela.domain.ticket.TicketFixtures.CAIO;
import static io.janela.domain.ticket.TicketFixtures.closed;
import static io.janela.domain.ticket.TicketFixtures.opened;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where an agent puts a ticket by hand, from the desk. */
class AssignmentByHandTest {

    @Test
    void aManualAssignmentToAnAgentDropsTheDepartment() {
        Ticket waiting = opened(new Assignment(Optional.empty(), Optional.of("billing"), Optional.of(CAIO)));

        Ticket assigned = waiting.assigned(Assignment.byHandToAgent(BIA));

        assertEquals(TicketStatus.OPEN, assigned.status());
        assertEquals(new Assignment(Optional.of(BIA), Optional.empty(), Optional.empty(), true), assigned.assignment(),
                "the agent holds it; its department and the reservation go");
    }

    @Test
    void aManualAssignmentToADepartmentLeavesTheTicketWaitingInItsQueueForNobody() {
        Ticket held = opened(new Assignment(Optional.of(BIA), Optional.of("billing"), Optional.empty()));

        Ticket moved = held.assigned(Assignment.byHandToDepartment("support"));

        assertEquals(TicketStatus.WAITING, moved.status());
        assertEquals(new Assignment(Optional.empty(), Optional.of("support"), Optional.empty(), true), moved.assignment());
        assertEquals("D#support", moved.assignment().waitingQueue());
    }

    @Test
    void aManualAssignmentAnswersNobody() {
        Ticket waiting = opened(Assignment.NONE);

        Ticket assigned = waiting.assigned(Assignment.byHandToAgent(BIA));

        assertEquals(waiting.unansweredSince(), assigned.unansweredSince());
        assertEquals(waiting.lastInboundAt(), assigned.lastInboundAt());
    }

    @Test
    void aClosedTicketChangesHandsNoMore() {
        Ticket closed = closed(opened(Assignment.NONE));

        assertEquals(closed, closed.assigned(Assignment.byHandToAgent(BIA)));
        assertEquals(closed, closed.assigned(Assignment.byHandToDepartment("support")));
    }
}
