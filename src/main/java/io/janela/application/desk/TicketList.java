package io.janela.application.desk;

import io.janela.application.assignment.TeamStore;
import io.janela.application.desk.DeskReads.TicketReading;
import io.janela.application.desk.TicketListStore.Caller;
import io.janela.application.desk.TicketListStore.TicketPage;
import io.janela.application.directory.Agents;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.directory.NotAnAgent;
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
    private final Agents agents;
    private final TeamStore team;
    private final DeskReads reads;

    @Inject
    public TicketList(TicketListStore tickets, DirectoryStore directory, TeamStore team, DeskReads reads) {
        this.tickets = tickets;
        this.agents = new Agents(directory);
        this.team = team;
        this.reads = reads;
    }

    public record Page(List<TicketReading> rows, Optional<String> cursor) {
    }

    /** {@code mine} and {@code open} are the caller's own lists: only an agent of the desk has them. */
    public static boolean isTheCallers(View view) {
        return view == View.MINE || view == View.OPEN;
    }

    /**
     * A page of {@code listing}. The caller's own lists need the caller, who must be an agent
     * ({@link NotAnAgent}); every other list is the same whoever asks, and the caller is not read.
     */
    public Page list(Optional<String> callerEmail, TicketListing listing, Optional<String> cursor) {
        Caller caller = isTheCallers(listing.view()) ? caller(callerEmail, listing.view()) : Caller.NOBODY;
        TicketPage page = tickets.list(listing, caller, cursor);
        return new Page(reads.readings(page.tickets()), page.cursor());
    }

    private Caller caller(Optional<String> callerEmail, View view) {
        Agent agent = agents.acting(callerEmail.orElseThrow(() -> new IllegalArgumentException(
                "view=" + TicketListing.spelling(view) + " is the caller's own: it needs a caller")));
        return new Caller(Optional.of(agent.email()), view == View.OPEN ? departmentsOf(agent) : Set.of());
    }

    private Set<String> departmentsOf(Agent agent) {
        return team.departmentsOf(agent.email()).stream().map(Department::id).collect(Collectors.toSet());
    }
}
