package io.janela.application.desk;

import io.janela.application.assignment.TeamStore;
import io.janela.application.desk.DeskReads.TicketReading;
import io.janela.application.desk.TicketListStore.Caller;
import io.janela.application.desk.TicketListStore.TicketPage;
import io.janela.application.directory.DirectoryStore;
import io.janela.domain.desk.TicketListing;
import io.janela.domain.desk.TicketListing.View;
import io.janela.domain.team.Agent;
import io.janela.domain.team.Department;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The desk's ticket list: who asks decides what {@code mine} and {@code open} hold; each row comes
 * with its window and its unanswered time as of now.
 */
@ApplicationScoped
public class TicketList {

    private final TicketListStore tickets;
    private final DirectoryStore directory;
    private final TeamStore team;
    private final DeskReads reads;

    @Inject
    public TicketList(TicketListStore tickets, DirectoryStore directory, TeamStore team, DeskReads reads) {
        this.tickets = tickets;
        this.directory = directory;
        this.team = team;
        this.reads = reads;
    }

    public sealed interface Result {
    }

    public record Page(List<TicketReading> rows, Optional<String> cursor) implements Result {
    }

    /** {@code mine} and {@code open} are the caller's: without an identity there is no such list. */
    public record Unauthenticated() implements Result {
    }

    public record NotAnAgent(String email) implements Result {
    }

    public Result list(Optional<String> callerEmail, TicketListing listing, Optional<String> cursor) {
        Caller caller = Caller.NOBODY;
        if (dependsOnCaller(listing.view())) {
            if (callerEmail.isEmpty()) {
                return new Unauthenticated();
            }
            Optional<Agent> agent = directory.findAgent(callerEmail.get());
            if (agent.isEmpty()) {
                return new NotAnAgent(callerEmail.get());
            }
            caller = new Caller(Optional.of(agent.get().email()),
                    listing.view() == View.OPEN ? departmentsOf(agent.get()) : Set.of());
        }
        TicketPage page = tickets.list(listing, caller, cursor);
        return new Page(reads.readings(page.tickets()), page.cursor());
    }

    private static boolean dependsOnCaller(View view) {
        return view == View.MINE || view == View.OPEN;
    }

    private Set<String> departmentsOf(Agent agent) {
        return team.departmentsOf(agent.email()).stream().map(Department::id).collect(Collectors.toSet());
    }
}
