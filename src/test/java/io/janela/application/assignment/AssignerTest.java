package io.janela.application.assignment;

import io.janela.domain.ticket.CloseCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.adapters.dynamodb.DynamoClosingStore;
import io.janela.application.assignment.Assigner.Assigned;
import io.janela.application.assignment.Assigner.Outcome;
import io.janela.application.assignment.Assigner.Pickup;
import io.janela.application.assignment.Assigner.Waits;
import io.janela.application.assignment.AssignmentStore.Candidate;
import io.janela.application.sweep.ClosingStore;
import io.janela.domain.assignment.AssignmentRules.Reason;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.team.Department.Strategy;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.domain.window.WindowState;
import io.janela.support.AssignHarness;
import io.janela.support.IngestHarness;
import io.janela.support.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing-rule assignment on DynamoDB Local: every strategy, every precedence step, the cap, an
 * agent coming online, a freed slot, the default department; SEQUENTIAL stays fair from eight threads.
 */
class AssignerTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";
    private static final String DANI = "dani@desk.example";
    private static final String EDU = "edu@desk.example";

    private final MutableClock clock = new MutableClock(T0.plusSeconds(3600));
    private IngestHarness desk;
    private AssignHarness assign;
    private int contacts;

    @BeforeEach
    void tables() {
        desk = new IngestHarness(clock);
        assign = new AssignHarness(desk, clock);
    }

    @AfterEach
    void close() {
        desk.close();
    }

    /** A new contact's first message, one second after the previous one's: queues are ordered by it. */
    private TicketId open() {
        contacts++;
        return assign.open(waId(contacts), T0.plusSeconds(contacts));
    }

    private TicketId openFor(ReplyRoute route) {
        contacts++;
        return assign.openAnswering(waId(contacts), T0.plusSeconds(contacts), route);
    }

    private TicketId openIn(String department) {
        return openFor(new ReplyRoute.ToDepartment(department));
    }

    private static String waId(int contact) {
        return String.format("55119%08d", contact);
    }

    private Outcome assign(TicketId id) {
        return assign.assigner.assignTicket(assign.ticket(id).contact(), id);
    }

    private String assignedTo(TicketId id) {
        return assertInstanceOf(Assigned.class, assign(id)).agent();
    }

    private void closeTicket(TicketId id) {
        Ticket ticket = assign.ticket(id);
        new DynamoClosingStore(desk.dynamo, desk.tables.contacts(), 100).close(ticket.contact(), id,
                new Closing(CloseReason.AGENT, clock.instant(), ticket.agent().orElseThrow(), WindowState.OPEN, ClosingMessage.NONE),
                new CloseCondition.WhileOpen());
    }

    private void onlineAgents(String... emails) {
        for (String email : emails) {
            assign.agent(email, AgentStatus.ONLINE);
        }
    }

    // the strategies

    @Test
    void specificGivesEveryTicketToTheNamedAgentAndOtherwiseWaits() {
        onlineAgents(BIA, CAIO);
        assign.department(new Department("billing", "Billing", Strategy.SPECIFIC, List.of(BIA, CAIO), Optional.of(CAIO),
                Optional.empty()));

        for (int i = 0; i < 3; i++) {
            Assigned given = assertInstanceOf(Assigned.class, assign(openIn("billing")));
            assertEquals(CAIO, given.agent());
            assertEquals(Reason.STRATEGY, given.reason());
        }
        assign.status(CAIO, AgentStatus.AWAY);
        TicketId waiting = openIn("billing");

        assertEquals(Reason.NOBODY_AVAILABLE, assertInstanceOf(Waits.class, assign(waiting)).reason(), "Bia is online, but not named");
        assertEquals(TicketStatus.WAITING, assign.ticket(waiting).status());
        assertEquals("D#billing", assign.ticketAttribute(waiting, "waiting").s());
    }

    @Test
    void randomPicksAmongTheAgentsTakingWorkOnly() {
        onlineAgents(BIA, CAIO);
        assign.agent(DANI, AgentStatus.OFFLINE);
        assign.agent(EDU, AgentStatus.AWAY);
        assign.department("returns", Strategy.RANDOM, List.of(BIA, CAIO, DANI, EDU));

        Map<String, Integer> given = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            given.merge(assignedTo(openIn("returns")), 1, Integer::sum);
        }

        assertEquals(Set.of(BIA, CAIO), given.keySet(), given.toString());
        assertTrue(given.get(BIA) >= 8 && given.get(CAIO) >= 8, "both get a fair share: " + given);
    }

    @Test
    void sequentialTakesTurnsInTheOrderOfTheAgentsAddresses() {
        onlineAgents(BIA, CAIO, DANI);
        assign.department("billing", Strategy.SEQUENTIAL, List.of(DANI, BIA, CAIO));

        List<String> turns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            turns.add(assignedTo(openIn("billing")));
        }
        assertEquals(List.of(BIA, CAIO, DANI, BIA, CAIO, DANI), turns);

        assign.status(CAIO, AgentStatus.OFFLINE);
        assertEquals(Set.of(BIA, DANI), Set.of(assignedTo(openIn("billing")), assignedTo(openIn("billing"))),
                "the turns go on among those online");
    }

    @Test
    void lastAgentGoesBackToWhoServedTheContactLastAheadOfTheDefaultAgent() {
        onlineAgents(BIA, CAIO);
        assign.department("vip", Strategy.LAST_AGENT, List.of(BIA, CAIO));
        assign.department(new Department("billing", "Billing", Strategy.SPECIFIC, List.of(CAIO), Optional.of(CAIO), Optional.empty()));
        contacts++;
        String ana = waId(contacts);
        TicketId first = assign.openAnswering(ana, T0.plusSeconds(1), new ReplyRoute.ToDepartment("billing"));
        assertEquals(CAIO, assignedTo(first));
        assertEquals(Optional.of(CAIO), desk.contacts.findContact(AssignHarness.contact(ana)).orElseThrow().profile().lastAgent(),
                "the assignment recorded who served Ana");
        closeTicket(first);
        assign.defaultAgent(ana, BIA);

        TicketId second = assign.openAnswering(ana, T0.plusSeconds(60), new ReplyRoute.ToDepartment("vip"));

        Assigned again = assertInstanceOf(Assigned.class, assign(second));
        assertEquals(CAIO, again.agent(), "the last agent, not Bia the default agent");
        assertEquals(Reason.STRATEGY, again.reason());
    }

    @Test
    void lastAgentWaitsWhenThatAgentIsNotOnlineOrThereIsNone() {
        onlineAgents(BIA);
        assign.agent(CAIO, AgentStatus.OFFLINE);
        assign.department("vip", Strategy.LAST_AGENT, List.of(BIA, CAIO));
        TicketId known = openIn("vip");
        desk.contacts.recordLastAgent(assign.ticket(known).contact(), CAIO, T0);
        assign.defaultAgent(assign.ticket(known).contactIdentity().waId().orElseThrow().value(), BIA);
        TicketId newcomer = openIn("vip");

        assertEquals(Reason.NOBODY_AVAILABLE, assertInstanceOf(Waits.class, assign(known)).reason());
        assertEquals(Reason.NOBODY_AVAILABLE, assertInstanceOf(Waits.class, assign(newcomer)).reason(),
                "no last agent: the ticket waits in the queue");
        assertEquals(TicketStatus.WAITING, assign.ticket(known).status());

        assign.status(CAIO, AgentStatus.ONLINE);
        Pickup pickup = assign.assigner.agentOnline(CAIO);

        assertEquals(List.of(known), pickup.assigned().stream().map(Assigned::ticket).toList());
        assertEquals(Optional.of(CAIO), assign.ticket(known).agent());
        assertEquals(TicketStatus.WAITING, assign.ticket(newcomer).status());
    }

    @Test
    void leastBusyGivesTheTicketToWhoHoldsFewest() {
        onlineAgents(BIA, CAIO, DANI);
        assign.department("billing", Strategy.LEAST_BUSY, List.of(CAIO, DANI, BIA));

        List<TicketId> tickets = new ArrayList<>();
        List<String> given = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TicketId id = openIn("billing");
            tickets.add(id);
            given.add(assignedTo(id));
        }
        assertEquals(List.of(BIA, CAIO, DANI, BIA, CAIO, DANI), given, "ties go by address");

        closeTicket(tickets.get(4));

        assertEquals(CAIO, assignedTo(openIn("billing")), "Caio now holds one, the others two");
    }

    // the cap

    @Test
    void nobodyAtTheCapGetsWorkAndTheTicketWaits() {
        onlineAgents(BIA, CAIO);
        assign.department(new Department("billing", "Billing", Strategy.LEAST_BUSY, List.of(BIA, CAIO), Optional.empty(),
                Optional.of(2)));
        Map<String, Integer> given = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            given.merge(assignedTo(openIn("billing")), 1, Integer::sum);
        }
        assertEquals(Map.of(BIA, 2, CAIO, 2), given);

        TicketId fifth = openIn("billing");

        assertEquals(Reason.NOBODY_AVAILABLE, assertInstanceOf(Waits.class, assign(fifth)).reason());
        assertEquals(TicketStatus.WAITING, assign.ticket(fifth).status());
        assertEquals("D#billing", assign.ticketAttribute(fifth, "waiting").s());
    }

    /** The cap counts every ticket an agent holds, whichever department gave it. */
    @Test
    void aSequentialTurnSkipsAnAgentAtTheCap() {
        onlineAgents(BIA, CAIO);
        assign.department(new Department("vip", "VIP", Strategy.SPECIFIC, List.of(BIA), Optional.of(BIA), Optional.empty()));
        assign.department(new Department("billing", "Billing", Strategy.SEQUENTIAL, List.of(BIA, CAIO), Optional.empty(),
                Optional.of(1)));
        assertEquals(BIA, assignedTo(openIn("vip")));

        assertEquals(List.of(CAIO), List.of(assignedTo(openIn("billing"))), "Bia's turn, but she is at the cap");
        assertEquals(Reason.NOBODY_AVAILABLE, assertInstanceOf(Waits.class, assign(openIn("billing"))).reason());
    }

    // precedence

    @Test
    void aReplyRouteBeatsTheDefaultDepartmentAndTheDefaultAgentAndWaitsForItsOfflineAgent() {
        onlineAgents(BIA);
        assign.agent(CAIO, AgentStatus.OFFLINE);
        assign.department("support", Strategy.SEQUENTIAL, List.of(BIA, CAIO));
        assign.team.putDefaultDepartment(Optional.of("support"), "admin@desk.example", T0);
        contacts++;
        assign.defaultAgent(waId(contacts), BIA);
        TicketId reply = assign.openAnswering(waId(contacts), T0.plusSeconds(contacts), new ReplyRoute.ToAgent(CAIO));

        assertEquals(Reason.RESERVED, assertInstanceOf(Waits.class, assign(reply)).reason());
        Ticket waiting = assign.ticket(reply);
        assertEquals(Optional.of(CAIO), waiting.assignment().reservedFor());
        assertEquals(Optional.empty(), waiting.assignment().department(), "not moved to the default department");
        assertEquals("R#" + CAIO, assign.ticketAttribute(reply, "waiting").s());

        assign.status(CAIO, AgentStatus.ONLINE);
        Assigned given = assertInstanceOf(Assigned.class, assign(reply));

        assertEquals(CAIO, given.agent());
        assertEquals(Reason.REPLY_ROUTE, given.reason());
        Ticket taken = assign.ticket(reply);
        assertEquals(TicketStatus.OPEN, taken.status());
        assertEquals(Optional.empty(), taken.assignment().reservedFor());
        assertEquals(CAIO, assign.ticketAttribute(reply, "holder").s());
        assertNull(assign.ticketAttribute(reply, "waiting"));
        assertNull(assign.ticketAttribute(reply, "queuedAt"));
    }

    @Test
    void theDefaultAgentTakesTicketsOfTheirDepartmentAheadOfTheStrategy() {
        onlineAgents(BIA, CAIO, DANI, EDU);
        assign.department("billing", Strategy.SEQUENTIAL, List.of(BIA, CAIO, DANI));
        contacts++;
        assign.defaultAgent(waId(contacts), DANI);
        TicketId danisContact = assign.openAnswering(waId(contacts), T0.plusSeconds(contacts), new ReplyRoute.ToDepartment("billing"));

        Assigned given = assertInstanceOf(Assigned.class, assign(danisContact));
        assertEquals(DANI, given.agent());
        assertEquals(Reason.DEFAULT_AGENT, given.reason());
        assertEquals(BIA, assignedTo(openIn("billing")), "the default agent took no turn from the round");

        contacts++;
        assign.defaultAgent(waId(contacts), EDU);
        TicketId outsider = assign.openAnswering(waId(contacts), T0.plusSeconds(contacts), new ReplyRoute.ToDepartment("billing"));
        assertEquals(Reason.STRATEGY, assertInstanceOf(Assigned.class, assign(outsider)).reason(),
                "Edu is not in billing: the strategy decides");

        assign.status(DANI, AgentStatus.AWAY);
        contacts++;
        assign.defaultAgent(waId(contacts), DANI);
        TicketId away = assign.openAnswering(waId(contacts), T0.plusSeconds(contacts), new ReplyRoute.ToDepartment("billing"));
        Assigned byStrategy = assertInstanceOf(Assigned.class, assign(away));
        assertEquals(Reason.STRATEGY, byStrategy.reason(), "Dani is away");
        assertFalse(byStrategy.agent().equals(DANI));
    }

    @Test
    void theDefaultAgentIsPassedOverAfterATransferByHand() {
        onlineAgents(BIA, CAIO, DANI);
        assign.department("billing", Strategy.SEQUENTIAL, List.of(BIA, CAIO, DANI));
        contacts++;
        assign.defaultAgent(waId(contacts), DANI);
        TicketId ticket = assign.open(waId(contacts), T0.plusSeconds(contacts));

        assign.transferByHand(ticket, "billing");
        Assigned given = assertInstanceOf(Assigned.class, assign(ticket));

        assertEquals(BIA, given.agent(), "the first turn, not Dani");
        assertEquals(Reason.STRATEGY, given.reason());
        assertTrue(assign.ticket(ticket).assignment().byHand());
    }

    // the default department

    @Test
    void aTicketWithNoRouteGoesToTheDefaultDepartmentOrWaitsWithoutOne() {
        onlineAgents(BIA);
        assign.department("support", Strategy.SEQUENTIAL, List.of(BIA));
        TicketId early = open();

        assertEquals(Reason.NO_DEPARTMENT, assertInstanceOf(Waits.class, assign(early)).reason());
        assertEquals("NONE", assign.ticketAttribute(early, "waiting").s());
        assertNull(assign.ticketAttribute(early, "department"));

        assign.team.putDefaultDepartment(Optional.of("support"), "admin@desk.example", T0);
        TicketId later = open();
        Assigned given = assertInstanceOf(Assigned.class, assign(later));

        assertEquals(BIA, given.agent());
        Ticket taken = assign.ticket(later);
        assertEquals(TicketStatus.OPEN, taken.status());
        assertEquals(Optional.of("support"), taken.assignment().department());
        assertEquals("support", assign.ticketAttribute(later, "queue").s());
        assertEquals(BIA, assign.ticketAttribute(later, "holder").s());
        assertEquals("janela", assign.ticketAttribute(later, "assignedBy").s());
        assertEquals("STRATEGY", assign.ticketAttribute(later, "assignReason").s());
        assertEquals(Long.toString(clock.instant().getEpochSecond()), assign.ticketAttribute(later, "assignedAt").n());

        Pickup pickup = assign.assigner.agentOnline(BIA);
        assertEquals(List.of(early), pickup.assigned().stream().map(Assigned::ticket).toList(),
                "the ticket that came before the default department is picked up from its queue");
        assertEquals(Optional.of("support"), assign.ticket(early).assignment().department());
    }

    @Test
    void aTicketWithNoRouteWaitsInTheDefaultDepartmentKeepingItsPlaceInLine() {
        assign.agent(BIA, AgentStatus.OFFLINE);
        assign.department("support", Strategy.SEQUENTIAL, List.of(BIA));
        assign.team.putDefaultDepartment(Optional.of("support"), "admin@desk.example", T0);
        TicketId waiting = open();
        String queuedAt = assign.ticketAttribute(waiting, "queuedAt").n();

        assertEquals(Reason.NOBODY_AVAILABLE, assertInstanceOf(Waits.class, assign(waiting)).reason());

        assertEquals(Optional.of("support"), assign.ticket(waiting).assignment().department());
        assertEquals("support", assign.ticketAttribute(waiting, "queue").s());
        assertEquals("D#support", assign.ticketAttribute(waiting, "waiting").s());
        assertEquals(queuedAt, assign.ticketAttribute(waiting, "queuedAt").n(), "it has waited since it opened");
        assertEquals(Long.toString(T0.plusSeconds(contacts).getEpochSecond()), queuedAt);
    }

    /** The hand-over is conditional on the ticket still waiting where it was read. */
    @Test
    void aTicketMovedOrTakenMeanwhileIsLeftAlone() {
        onlineAgents(BIA);
        assign.department("billing", Strategy.SEQUENTIAL, List.of(BIA));
        TicketId id = openIn("billing");
        Ticket ticket = assign.ticket(id);
        Candidate read = assign.tickets.candidate(ticket.contact(), id).orElseThrow();
        clock.advance(java.time.Duration.ofSeconds(30));
        assign.transferByHand(id, "returns");

        assertFalse(assign.tickets.assign(read, Optional.empty(), BIA, Reason.STRATEGY, "janela", clock.instant()));
        assertEquals(TicketStatus.WAITING, assign.ticket(id).status());
        assertEquals("D#returns", assign.ticketAttribute(id, "waiting").s());

        Candidate moved = assign.tickets.candidate(ticket.contact(), id).orElseThrow();
        assertTrue(assign.tickets.assign(moved, Optional.empty(), CAIO, Reason.STRATEGY, "janela", clock.instant()));
        assertFalse(assign.tickets.assign(moved, Optional.empty(), BIA, Reason.STRATEGY, "janela", clock.instant()), "already taken");
        assertEquals(Optional.of(CAIO), assign.ticket(id).agent());
        assertInstanceOf(Assigner.Skipped.class, assign(id), "no longer waiting");
    }

    // an agent coming online, a freed slot

    @Test
    void anAgentComingOnlineTakesReservedTicketsFirstThenTheirQueuesOldestFirstUpToTheCap() {
        assign.agent(BIA, AgentStatus.OFFLINE);
        onlineAgents(CAIO);
        assign.department(new Department("billing", "Billing", Strategy.LEAST_BUSY, List.of(BIA), Optional.empty(), Optional.of(3)));
        assign.department("returns", Strategy.SEQUENTIAL, List.of(BIA));
        assign.department("sales", Strategy.SEQUENTIAL, List.of(CAIO));
        TicketId billing1 = openIn("billing");
        TicketId reserved1 = openFor(new ReplyRoute.ToAgent(BIA));
        TicketId returns1 = openIn("returns");
        TicketId billing2 = openIn("billing");
        TicketId reserved2 = openFor(new ReplyRoute.ToAgent(BIA));
        TicketId billing3 = openIn("billing");
        TicketId returns2 = openIn("returns");
        TicketId sales = openIn("sales");
        for (TicketId id : List.of(billing1, reserved1, returns1, billing2, reserved2, billing3, returns2)) {
            assertInstanceOf(Waits.class, assign(id));
        }
        assertEquals(CAIO, assignedTo(sales));

        assign.status(BIA, AgentStatus.ONLINE);
        Pickup pickup = assign.assigner.agentOnline(BIA);

        assertEquals(List.of(reserved1, reserved2, billing1, returns1, returns2),
                pickup.assigned().stream().map(Assigned::ticket).toList());
        assertEquals(List.of(Reason.REPLY_ROUTE, Reason.REPLY_ROUTE, Reason.STRATEGY, Reason.STRATEGY, Reason.STRATEGY),
                pickup.assigned().stream().map(Assigned::reason).toList());
        assertTrue(pickup.assigned().stream().allMatch(given -> given.agent().equals(BIA)));
        assertEquals(List.of(TicketStatus.WAITING, TicketStatus.WAITING),
                List.of(assign.ticket(billing2).status(), assign.ticket(billing3).status()),
                "three tickets held: billing's cap; the newer billing tickets wait");
        assertEquals(5, desk.dynamo.query(request -> request.tableName(desk.tables.contacts()).indexName("AgentTickets")
                .keyConditionExpression("holder = :bia")
                .expressionAttributeValues(Map.of(":bia", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(BIA))))
                .count());
    }

    @Test
    void onePickupWeighsAtMostAHundredTicketsAndTheNextGoesOnFromTheOldest() {
        assign.agent(BIA, AgentStatus.OFFLINE);
        assign.department("support", Strategy.SEQUENTIAL, List.of(BIA));
        TicketId oldest = openIn("support");
        List<TicketId> queue = new ArrayList<>(List.of(oldest));
        queue.addAll(assign.cloneWaiting(oldest, 119));
        assign.status(BIA, AgentStatus.ONLINE);

        Pickup first = assign.assigner.agentOnline(BIA);

        assertEquals(Assigner.PICKUP_LIMIT, first.weighed());
        assertEquals(queue.subList(0, 100), first.assigned().stream().map(Assigned::ticket).toList());
        Pickup next = assign.assigner.agentOnline(BIA);
        assertEquals(queue.subList(100, 120), next.assigned().stream().map(Assigned::ticket).toList());
    }

    @Test
    void anAgentWhoIsNotOnlinePicksUpNothing() {
        assign.agent(BIA, AgentStatus.AWAY);
        assign.department("billing", Strategy.SEQUENTIAL, List.of(BIA));
        TicketId waiting = openIn("billing");

        Pickup pickup = assign.assigner.agentOnline(BIA);

        assertEquals(0, pickup.weighed());
        assertEquals(TicketStatus.WAITING, assign.ticket(waiting).status());
        assertEquals(new Pickup("nobody@desk.example", 0, List.of()), assign.assigner.agentOnline("nobody@desk.example"));
    }

    @Test
    void aClosedTicketFreesItsAgentsSlotForTheNextWaitingTicket() {
        onlineAgents(BIA);
        assign.department(new Department("billing", "Billing", Strategy.LEAST_BUSY, List.of(BIA), Optional.empty(), Optional.of(1)));
        TicketId first = openIn("billing");
        TicketId second = openIn("billing");
        TicketId third = openIn("billing");
        assertEquals(BIA, assignedTo(first));
        assertInstanceOf(Waits.class, assign(second));
        assertInstanceOf(Waits.class, assign(third));

        closeTicket(first);
        Pickup pickup = assign.assigner.slotFreed(BIA);

        assertEquals(List.of(second), pickup.assigned().stream().map(Assigned::ticket).toList(), "the oldest, and only one: the cap");
        assertEquals(Optional.of(BIA), assign.ticket(second).agent());
        assertEquals(TicketStatus.WAITING, assign.ticket(third).status());
    }

    /** 300 tickets assigned from eight threads at once, three agents: the atomic counter gives each exactly 100. */
    @Test
    void sequentialStaysFairUnderParallelAssignment() throws Exception {
        onlineAgents(BIA, CAIO, DANI);
        assign.department("support", Strategy.SEQUENTIAL, List.of(BIA, CAIO, DANI));
        List<TicketId> tickets = assign.cloneWaiting(openIn("support"), 300);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        try {
            // each clone is kept under a contact of its own, as its stream record would name it
            for (Ticket ticket : tickets.stream().map(assign::ticket).toList()) {
                outcomes.add(threads.submit(() -> assign.assigner.assignTicket(ticket.contact(), ticket.id())));
            }
            Map<String, Long> given = new HashMap<>();
            for (Future<Outcome> outcome : outcomes) {
                given.merge(assertInstanceOf(Assigned.class, outcome.get()).agent(), 1L, Long::sum);
            }
            assertEquals(Map.of(BIA, 100L, CAIO, 100L, DANI, 100L), given);
        } finally {
            threads.shutdown();
        }
        assertEquals(300L, assign.team.nextTurn("support"), "300 turns were taken, one per ticket");
        assertEquals(Set.of(TicketStatus.OPEN), tickets.stream().map(id -> assign.ticket(id).status()).collect(Collectors.toSet()));
    }
}
