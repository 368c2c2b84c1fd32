package io.janela.domain.ticket;

import static io.janela.domain.ticket.TicketFixtures.BIA;
import static io.janela.domain.ticket.TicketFixtures.CAIO;
import static io.janela.domain.ticket.TicketFixtures.T0;
import static io.janela.domain.ticket.TicketFixtures.answered;
import static io.janela.domain.ticket.TicketFixtures.closed;
import static io.janela.domain.ticket.TicketFixtures.heldBy;
import static io.janela.domain.ticket.TicketFixtures.inQueue;
import static io.janela.domain.ticket.TicketFixtures.keptFor;
import static io.janela.domain.ticket.TicketFixtures.opened;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an agent's reply does to the ticket it answers. */
class ReplyTest {

    private static final Instant REPLY = T0.plusSeconds(60);

    private static Reply.Mark answersAll() {
        return new Reply.Mark(REPLY, true, Optional.empty());
    }

    @Test
    void aReplyToATicketNobodyHoldsTakesIt() {
        Reply reply = opened(inQueue("billing")).replyBy(BIA, REPLY);

        assertEquals(new Reply.Mark(REPLY, true, Optional.of(new Reply.TakeOver(BIA, Optional.empty()))), reply);
    }

    @Test
    void aReplyToAnotherAgentsTicketOnlyAnswersIt() {
        assertEquals(answersAll(), opened(heldBy(CAIO)).replyBy(BIA, REPLY));
    }

    @Test
    void aTicketKeptForAnotherAgentIsAnsweredButNotTaken() {
        assertEquals(answersAll(), opened(keptFor(CAIO)).replyBy(BIA, REPLY));
    }

    @Test
    void aTicketKeptForTheReplierIsTakenWhileItIsStillKeptForThem() {
        Reply reply = opened(keptFor("Bia@Desk.example")).replyBy(BIA, REPLY);

        assertEquals(new Reply.Mark(REPLY, true, Optional.of(new Reply.TakeOver(BIA, Optional.of("Bia@Desk.example")))),
                reply, "addresses compare ignoring case; the write holds while the reservation does");
    }

    @Test
    void anAnsweredTicketSomeoneElseHoldsNeedsNoMark() {
        assertEquals(new Reply.AlreadyAnswered(), answered(heldBy(CAIO)).replyBy(BIA, REPLY));
        assertEquals(new Reply.AlreadyAnswered(), answered(keptFor(CAIO)).replyBy(BIA, REPLY));
    }

    @Test
    void anAnsweredTicketNobodyHoldsIsStillTakenByAReply() {
        assertEquals(new Reply.Mark(REPLY, true, Optional.of(new Reply.TakeOver(BIA, Optional.empty()))),
                answered(Assignment.NONE).replyBy(BIA, REPLY));
    }

    @Test
    void aClosedTicketTakesNoMark() {
        assertEquals(new Reply.NotOpen(), closed(opened(Assignment.NONE)).replyBy(BIA, REPLY));
    }

    @Test
    void aReplyAnswersEveryCustomerMessageUpToIt() {
        Reply.Mark mark = assertInstanceOf(Reply.Mark.class, opened(heldBy(BIA)).replyBy(BIA, REPLY));

        assertEquals(true, mark.answersAll());
        assertEquals(Optional.empty(), mark.unansweredSince());
    }

    @Test
    void aCustomerMessageAfterTheReplyWaitsTimedFromTheReply() {
        Ticket ticket = opened(heldBy(BIA)).joinedBy(REPLY.plusSeconds(2));

        Reply.Mark mark = assertInstanceOf(Reply.Mark.class, ticket.replyBy(BIA, REPLY));

        assertEquals(false, mark.answersAll());
        assertEquals(Optional.of(REPLY), mark.unansweredSince());
    }

    @Test
    void aCustomerMessageInTheSecondOfTheReplyIsAnsweredByIt() {
        Ticket ticket = opened(heldBy(BIA)).joinedBy(REPLY.plusMillis(900));

        Reply.Mark mark = assertInstanceOf(Reply.Mark.class, ticket.replyBy(BIA, REPLY.plusMillis(100)));

        assertEquals(true, mark.answersAll(), "instants compare to the second, as they are kept");
    }
}
