package io.janela.domain.ticket;

import static io.janela.domain.ticket.TicketFixtures.closed;
import static io.janela.domain.ticket.TicketFixtures.opened;
import static io.janela.domain.ticket.TicketFixtures.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.janela.domain.desk.Tags;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tags an edit leaves on a ticket, and how many a ticket carries. */
class RetagTest {

    private static Ticket carrying(int count) {
        return tagged(opened(Assignment.NONE), IntStream.range(0, count).mapToObj(i -> "tag" + i)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void tagsAreAddedAndRemovedInOneEdit() {
        Ticket ticket = tagged(opened(Assignment.NONE), Set.of("refund", "vip"));

        assertEquals(new Retag.Tagged(Set.of("urgent", "vip")), ticket.retagged(Set.of("urgent"), Set.of("refund", "absent")));
    }

    @Test
    void theTwentyFirstTagIsRefused() {
        assertEquals(new Retag.TooManyTags(Tags.MAX_PER_TICKET + 1),
                carrying(Tags.MAX_PER_TICKET).retagged(Set.of("new"), Set.of()));
    }

    @Test
    void theTwentiethTagFits() {
        Retag retag = carrying(Tags.MAX_PER_TICKET - 1).retagged(Set.of("new"), Set.of());

        assertEquals(Tags.MAX_PER_TICKET, assertInstanceOf(Retag.Tagged.class, retag).tags().size());
    }

    @Test
    void aTagTheTicketCarriesAlreadyDoesNotCountTwice() {
        Ticket full = carrying(Tags.MAX_PER_TICKET);

        assertEquals(new Retag.Tagged(full.tags()), full.retagged(Set.of("tag0", "tag1"), Set.of()));
    }

    @Test
    void aTagRemovedInTheSameEditMakesRoom() {
        Ticket full = carrying(Tags.MAX_PER_TICKET);
        Set<String> expected = new TreeSet<>(full.tags());
        expected.remove("tag5");
        expected.add("new");

        assertEquals(new Retag.Tagged(expected), full.retagged(Set.of("new"), Set.of("tag5")));
    }

    @Test
    void aClosedTicketIsStillTagged() {
        Ticket closed = closed(opened(Assignment.NONE));

        assertEquals(new Retag.Tagged(Set.of("resolved")), closed.retagged(Set.of("resolved"), Set.of()));
    }
}
