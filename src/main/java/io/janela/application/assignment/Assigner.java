package io.janela.application.assignment;

import io.janela.application.LogText;
import io.janela.application.assignment.AssignmentStore.Candidate;
import io.janela.application.contacts.ContactStore;
import io.janela.domain.assignment.AssignmentRules;
import io.janela.domain.assignment.AssignmentRules.Decision;
import io.janela.domain.assignment.AssignmentRules.Reason;
import io.janela.domain.assignment.Turns;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Department;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.TicketId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.jboss.logging.Logger;

/**
 * Routing-rule assignment: hands a waiting ticket to an agent by {@link AssignmentRules}, and gives
 * an agent who came online (or freed a slot) what waits for them. The rules decide; this reads what
 * they weigh and writes their answer with a conditional update, so a ticket taken or moved meanwhile
 * is left alone and running the same work twice (a stream's retry) changes nothing.
 */
@ApplicationScoped
public class Assigner {

    private static final Logger LOG = Logger.getLogger(Assigner.class);
    /** Who the rules' assignments are recorded as ({@code assignedBy}), as the guard's closes are. */
    public static final String BY_RULES = Closing.JANELA;
    /**
     * Waiting tickets one pickup weighs at most: it stops earlier at the agent's cap or when the queues
     * are empty. The next pickup (another slot freed, the agent online again) goes on from the oldest.
     */
    static final int PICKUP_LIMIT = 100;
    /** Waiting tickets read per page of a queue. */
    static final int PAGE = 25;

    private final TeamStore team;
    private final AssignmentStore tickets;
    private final ContactStore contacts;
    private final Clock clock;
    private final Turns turns;

    @Inject
    public Assigner(TeamStore team, AssignmentStore tickets, ContactStore contacts, Clock clock) {
        // SecureRandom, not a seeded Random: with SnapStart, every environment restored from one snapshot
        // would draw the same "random" agents in the same order
        this(team, tickets, contacts, clock, new SecureRandom());
    }

    public Assigner(TeamStore team, AssignmentStore tickets, ContactStore contacts, Clock clock, Random random) {
        this.team = team;
        this.tickets = tickets;
        this.contacts = contacts;
        this.clock = clock;
        this.turns = new Turns() {
            @Override
            public long nextTurn(String departmentId) {
                return team.nextTurn(departmentId);
            }

            @Override
            public int random(int bound) {
                return random.nextInt(bound);
            }
        };
    }

    /** What became of one ticket. */
    public sealed interface Outcome {
        TicketId ticket();
    }

    public record Assigned(TicketId ticket, String agent, Reason reason) implements Outcome {
    }

    public record Waits(TicketId ticket, Reason reason) implements Outcome {
    }

    /** Nothing to do: the ticket is gone, no longer waiting, or was moved while the rules weighed it. */
    public record Skipped(TicketId ticket, String why) implements Outcome {
    }

    /** What an agent picked up: how many waiting tickets were weighed, and those that went to someone. */
    public record Pickup(String agent, int weighed, List<Assigned> assigned) {
    }

    /** What a signal came to: tickets given to an agent, and tickets that entered a queue and wait there. */
    public record Tally(int assigned, int leftWaiting) {
        public static final Tally NONE = new Tally(0, 0);

        public Tally plus(Tally other) {
            return new Tally(assigned + other.assigned, leftWaiting + other.leftWaiting);
        }
    }

    public Tally apply(AssignmentSignal signal) {
        if (signal instanceof AssignmentSignal.TicketQueued queued) {
            Outcome outcome = assignTicket(queued.contact(), queued.ticket());
            return outcome instanceof Assigned ? new Tally(1, 0) : outcome instanceof Waits ? new Tally(0, 1) : Tally.NONE;
        }
        Pickup pickup = signal instanceof AssignmentSignal.AgentOnline online ? agentOnline(online.email())
                : slotFreed(((AssignmentSignal.SlotFreed) signal).email());
        return new Tally(pickup.assigned().size(), 0);
    }

    /** A ticket entered a queue: the rules give it to an agent, or it waits there. */
    public Outcome assignTicket(ContactKey contact, TicketId ticket) {
        return tickets.candidate(contact, ticket)
                .map(candidate -> decide(candidate, new TeamSnapshot(team, tickets)))
                .orElseGet(() -> skipped(ticket, "no_ticket"));
    }

    /**
     * What waits for an agent who came online: first the tickets kept for them alone (the replies
     * to their active messages), then each of their departments' queues; oldest first, each ticket
     * weighed by the same rules, until the agent reaches a department's cap or the queues run out.
     */
    public Pickup agentOnline(String email) {
        return pickUp(email, "online");
    }

    /** An agent stopped holding a ticket: the room it leaves is offered as when they come online. */
    public Pickup slotFreed(String email) {
        return pickUp(email, "slot_freed");
    }

    private record Queue(String name, Optional<Department> department) {
    }

    private Pickup pickUp(String email, String trigger) {
        String agent = email.toLowerCase(Locale.ROOT);
        TeamSnapshot view = new TeamSnapshot(team, tickets);
        List<Assigned> assigned = new ArrayList<>();
        if (!view.takesWork(agent)) {
            LOG.infof("event=agent_pickup trigger=%s weighed=0 assigned=0 reason=not_online", trigger);
            return new Pickup(agent, 0, assigned);
        }
        int[] weighed = {0};
        for (Queue queue : queuesOf(agent, view)) {
            // a page no longer than what is left to weigh, nor than the agent's room under this department's cap
            Iterator<Candidate> waiting = tickets.waiting(queue.name(), () -> Math.min(Math.min(PAGE,
                    PICKUP_LIMIT - weighed[0]), view.roomIn(agent, queue.department())));
            while (weighed[0] < PICKUP_LIMIT && view.hasRoom(agent, queue.department()) && waiting.hasNext()) {
                weighed[0]++;
                if (decide(waiting.next(), view) instanceof Assigned given) {
                    assigned.add(given);
                }
            }
        }
        LOG.infof("event=agent_pickup trigger=%s weighed=%d assigned=%d to_them=%d", trigger, weighed[0],
                assigned.size(), assigned.stream().filter(given -> given.agent().equals(agent)).count());
        return new Pickup(agent, weighed[0], assigned);
    }

    /** The reserved queue, then each department's, and the tickets with no department yet when theirs is the default. */
    private static List<Queue> queuesOf(String agent, TeamSnapshot view) {
        List<Queue> queues = new ArrayList<>();
        queues.add(new Queue(Assignment.reservedQueue(agent), Optional.empty()));
        Optional<String> fallback = view.defaultDepartment();
        for (Department department : view.departmentsOf(agent)) {
            queues.add(new Queue(Assignment.departmentQueue(department.id()), Optional.of(department)));
            if (fallback.equals(Optional.of(department.id()))) {
                queues.add(new Queue(Assignment.NO_QUEUE, Optional.of(department)));
            }
        }
        return queues;
    }

    private Outcome decide(Candidate read, TeamSnapshot view) {
        if (!read.waiting()) {
            return skipped(read.ticket().id(), "not_waiting");
        }
        Optional<String> placing = Optional.empty();
        Candidate candidate = read;
        if (Assignment.NO_QUEUE.equals(read.queue().get())) {
            // no department and no reservation: the desk's default department, if it has one
            Optional<Department> fallback = view.defaultDepartment().flatMap(view::department);
            if (fallback.isEmpty()) {
                return waits(read, Reason.NO_DEPARTMENT);
            }
            placing = Optional.of(fallback.get().id());
            candidate = read.inDepartment(fallback.get().id());
        }
        Decision decision = weigh(candidate, view);
        if (decision instanceof AssignmentRules.ToAgent to) {
            // a ticket placed in the default department and handed over in one write
            return handOver(read, placing, to, view);
        }
        if (placing.isPresent()) {
            if (!tickets.placeInDepartment(read, placing.get())) {
                return skipped(read.ticket().id(), "moved");
            }
            logPlaced(read, placing.get());
        }
        return waits(candidate, decision.reason());
    }

    private Decision weigh(Candidate candidate, TeamSnapshot view) {
        Assignment assignment = candidate.ticket().assignment();
        // ingest baked the live reply rule into the ticket at open: a reservation is the reply route to an agent
        Optional<ReplyRoute> route = assignment.reservedFor().map(ReplyRoute.ToAgent::new);
        Optional<Department> department = assignment.department().flatMap(view::department);
        Collection<String> people = route.isPresent()
                ? List.of(route.get().target())
                : department.map(Department::agents).orElse(List.of());
        boolean counted = route.isEmpty() && department.filter(Assigner::weighsLoad).isPresent();
        return AssignmentRules.decide(new AssignmentRules.Ticket(route, assignment.department(),
                        candidate.defaultAgent(), candidate.lastAgent(), assignment.byHand()),
                department, view.assignees(people, counted), turns);
    }

    private static void logPlaced(Candidate ticket, String department) {
        LOG.infof("event=ticket_queued ticket=%s department=%s reason=default_department", ticket.ticket().id(),
                LogText.of(department));
    }

    /** Loads are counted only where the rules weigh them: LEAST_BUSY or a cap. */
    private static boolean weighsLoad(Department department) {
        return department.strategy() == Department.Strategy.LEAST_BUSY || department.maxConcurrent().isPresent();
    }

    private Outcome handOver(Candidate read, Optional<String> placing, AssignmentRules.ToAgent to, TeamSnapshot view) {
        Instant now = clock.instant();
        TicketId id = read.ticket().id();
        if (!tickets.assign(read, placing, to.email(), to.reason(), BY_RULES, now)) {
            return skipped(id, "moved");
        }
        placing.ifPresent(department -> logPlaced(read, department));
        view.took(to.email());
        contacts.recordLastAgent(read.ticket().contact(), to.email(), now);
        LOG.infof("event=ticket_assigned ticket=%s reason=%s", id, to.reason());
        return new Assigned(id, to.email(), to.reason());
    }

    private static Waits waits(Candidate candidate, Reason reason) {
        LOG.infof("event=ticket_waits ticket=%s queue=%s reason=%s", candidate.ticket().id(),
                LogText.of(candidate.queue().map(queue -> queue.startsWith("R#") ? "reserved" : queue).orElse(Assignment.NO_QUEUE)), reason);
        return new Waits(candidate.ticket().id(), reason);
    }

    private static Skipped skipped(TicketId ticket, String why) {
        LOG.debugf("event=ticket_skipped ticket=%s why=%s", ticket, why);
        return new Skipped(ticket, why);
    }
}
