package io.janela.domain.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.janela.domain.assignment.AssignmentRules.Decision;
import io.janela.domain.assignment.AssignmentRules.Reason;
import io.janela.domain.assignment.AssignmentRules.ToAgent;
import io.janela.domain.assignment.AssignmentRules.Wait;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.team.Department.Strategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Who gets a waiting ticket: every precedence step, every strategy, the cap. */
class AssignmentRulesTest {

    private static final String ANA = "ana@desk.example";
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";

    /** Counts turns like the atomic counter in DynamoDB; random picks come from a fixed list. */
    private static final class FixedTurns implements Turns {
        final AtomicLong turns = new AtomicLong();
        final List<Integer> randoms = new ArrayList<>();

        @Override
        public long nextTurn(String departmentId) {
            return turns.getAndIncrement();
        }

        @Override
        public int random(int bound) {
            return randoms.isEmpty() ? 0 : randoms.remove(0) % bound;
        }
    }

    private final FixedTurns turns = new FixedTurns();

    private static Map<String, Assignee> team(Assignee... agents) {
        return Arrays.stream(agents).collect(Collectors.toMap(Assignee::email, agent -> agent));
    }

    private static Assignee online(String email, int open) {
        return new Assignee(email, AgentStatus.ONLINE, open);
    }

    private static Department department(Strategy strategy) {
        return new Department("billing", "Billing", strategy, List.of(ANA, BIA, CAIO),
                strategy == Strategy.SPECIFIC ? Optional.of(BIA) : Optional.empty(), Optional.empty());
    }

    private static AssignmentRules.Ticket toDepartment() {
        return new AssignmentRules.Ticket(Optional.empty(), Optional.of("billing"), Optional.empty(), Optional.empty(), false);
    }

    private Decision decide(AssignmentRules.Ticket ticket, Department department, Map<String, Assignee> team) {
        return AssignmentRules.decide(ticket, Optional.of(department), team, turns);
    }

    @Test
    void aLiveReplyRouteToAnAgentBeatsEverything() {
        AssignmentRules.Ticket reply = new AssignmentRules.Ticket(Optional.of(new ReplyRoute.ToAgent("Caio@Desk.example")),
                Optional.of("billing"), Optional.of(ANA), Optional.of(BIA), false);

        assertEquals(new ToAgent(CAIO, Reason.REPLY_ROUTE), decide(reply, department(Strategy.LEAST_BUSY),
                team(online(ANA, 0), online(BIA, 0), online(CAIO, 9))));
    }

    @Test
    void aReplyRouteToAnAgentNotTakingWorkKeepsTheTicketForThem() {
        AssignmentRules.Ticket reply = new AssignmentRules.Ticket(Optional.of(new ReplyRoute.ToAgent(CAIO)),
                Optional.of("billing"), Optional.of(ANA), Optional.empty(), false);

        assertEquals(new Wait(Reason.RESERVED), decide(reply, department(Strategy.RANDOM),
                team(online(ANA, 0), new Assignee(CAIO, AgentStatus.AWAY, 0))));
    }

    @Test
    void theDefaultAgentComesBeforeTheStrategyWhenTheyBelongToTheDepartment() {
        AssignmentRules.Ticket ticket = new AssignmentRules.Ticket(Optional.empty(), Optional.of("billing"),
                Optional.of(CAIO), Optional.empty(), false);

        assertEquals(new ToAgent(CAIO, Reason.DEFAULT_AGENT), decide(ticket, department(Strategy.LEAST_BUSY),
                team(online(ANA, 0), online(BIA, 0), online(CAIO, 5))));
    }

    @Test
    void theDefaultAgentIsPassedOverOutsideTheirDepartmentAfterATransferForLastAgentAndWhenOffline() {
        Map<String, Assignee> team = team(online(ANA, 3), online(BIA, 1), online(CAIO, 2),
                online("dora@desk.example", 0));
        AssignmentRules.Ticket outsider = new AssignmentRules.Ticket(Optional.empty(), Optional.of("billing"),
                Optional.of("dora@desk.example"), Optional.empty(), false);
        AssignmentRules.Ticket transferred = new AssignmentRules.Ticket(Optional.empty(), Optional.of("billing"),
                Optional.of(CAIO), Optional.empty(), true);
        AssignmentRules.Ticket lastAgent = new AssignmentRules.Ticket(Optional.empty(), Optional.of("billing"),
                Optional.of(CAIO), Optional.of(ANA), false);

        assertEquals(new ToAgent(BIA, Reason.STRATEGY), decide(outsider, department(Strategy.LEAST_BUSY), team));
        assertEquals(new ToAgent(BIA, Reason.STRATEGY), decide(transferred, department(Strategy.LEAST_BUSY), team));
        assertEquals(new ToAgent(ANA, Reason.STRATEGY), decide(lastAgent, department(Strategy.LAST_AGENT), team));
        Map<String, Assignee> caioOffline = team(online(ANA, 3), online(BIA, 1), new Assignee(CAIO, AgentStatus.OFFLINE, 0));
        AssignmentRules.Ticket byDefault = new AssignmentRules.Ticket(Optional.empty(), Optional.of("billing"),
                Optional.of(CAIO), Optional.empty(), false);
        assertEquals(new ToAgent(BIA, Reason.STRATEGY), decide(byDefault, department(Strategy.LEAST_BUSY), caioOffline));
    }

    @Test
    void specificGivesTheNamedAgentOrWaits() {
        assertEquals(new ToAgent(BIA, Reason.STRATEGY), decide(toDepartment(), department(Strategy.SPECIFIC),
                team(online(ANA, 0), online(BIA, 7))));
        assertEquals(new Wait(Reason.NOBODY_AVAILABLE), decide(toDepartment(), department(Strategy.SPECIFIC),
                team(online(ANA, 0), new Assignee(BIA, AgentStatus.AWAY, 0))));
    }

    @Test
    void randomPicksAmongTheAgentsTakingWork() {
        turns.randoms.addAll(List.of(0, 1));
        Map<String, Assignee> team = team(online(ANA, 0), new Assignee(BIA, AgentStatus.OFFLINE, 0), online(CAIO, 0));

        assertEquals(new ToAgent(ANA, Reason.STRATEGY), decide(toDepartment(), department(Strategy.RANDOM), team));
        assertEquals(new ToAgent(CAIO, Reason.STRATEGY), decide(toDepartment(), department(Strategy.RANDOM), team));
    }

    @Test
    void sequentialTakesTurnsOverTheAgentsTakingWork() {
        Map<String, Assignee> team = team(online(ANA, 0), online(BIA, 0), online(CAIO, 0));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picked.add(((ToAgent) decide(toDepartment(), department(Strategy.SEQUENTIAL), team)).email());
        }
        assertEquals(List.of(ANA, BIA, CAIO, ANA, BIA, CAIO), picked);
    }

    @Test
    void sequentialStaysFairUnderParallelAssignment() throws InterruptedException {
        Map<String, Assignee> team = team(online(ANA, 0), online(BIA, 0), online(CAIO, 0));
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 300; i++) {
            pool.execute(() -> {
                String agent = ((ToAgent) decide(toDepartment(), department(Strategy.SEQUENTIAL), team)).email();
                counts.computeIfAbsent(agent, key -> new AtomicLong()).incrementAndGet();
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);

        assertEquals(Map.of(ANA, 100L, BIA, 100L, CAIO, 100L), counts.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get())));
    }

    @Test
    void lastAgentGivesTheContactsLastAgentElseTheTicketWaitsInTheQueue() {
        AssignmentRules.Ticket served = new AssignmentRules.Ticket(Optional.empty(), Optional.of("billing"),
                Optional.empty(), Optional.of("Caio@desk.example"), false);
        AssignmentRules.Ticket never = toDepartment();

        assertEquals(new ToAgent(CAIO, Reason.STRATEGY), decide(served, department(Strategy.LAST_AGENT),
                team(online(ANA, 0), online(CAIO, 4))));
        assertEquals(new Wait(Reason.NOBODY_AVAILABLE), decide(served, department(Strategy.LAST_AGENT),
                team(online(ANA, 0), new Assignee(CAIO, AgentStatus.OFFLINE, 0))));
        assertEquals(new Wait(Reason.NOBODY_AVAILABLE), decide(never, department(Strategy.LAST_AGENT),
                team(online(ANA, 0), online(CAIO, 0))));
    }

    @Test
    void leastBusyGivesTheFewestOpenTicketsAndNobodyAtTheCap() {
        Department capped = new Department("billing", "Billing", Strategy.LEAST_BUSY, List.of(ANA, BIA, CAIO),
                Optional.empty(), Optional.of(3));

        assertEquals(new ToAgent(BIA, Reason.STRATEGY), decide(toDepartment(), capped,
                team(online(ANA, 2), online(BIA, 1), online(CAIO, 2))));
        assertEquals(new ToAgent(ANA, Reason.STRATEGY), decide(toDepartment(), capped,
                team(online(ANA, 2), online(BIA, 2), online(CAIO, 2))), "a tie goes by address");
        assertEquals(new Wait(Reason.NOBODY_AVAILABLE), decide(toDepartment(), capped,
                team(online(ANA, 3), online(BIA, 3), online(CAIO, 4))));
    }

    @Test
    void theCapHoldsForTheDefaultAgentToo() {
        Department capped = new Department("billing", "Billing", Strategy.LEAST_BUSY, List.of(ANA, BIA),
                Optional.empty(), Optional.of(2));
        AssignmentRules.Ticket ticket = new AssignmentRules.Ticket(Optional.empty(), Optional.of("billing"),
                Optional.of(ANA), Optional.empty(), false);

        assertEquals(new ToAgent(BIA, Reason.STRATEGY), decide(ticket, capped, team(online(ANA, 2), online(BIA, 1))));
    }

    @Test
    void withoutADepartmentOrAnyoneTakingWorkTheTicketWaits() {
        AssignmentRules.Ticket nowhere = new AssignmentRules.Ticket(Optional.empty(), Optional.empty(), Optional.of(ANA),
                Optional.empty(), false);

        assertEquals(new Wait(Reason.NO_DEPARTMENT), AssignmentRules.decide(nowhere, Optional.empty(),
                team(online(ANA, 0)), turns));
        assertEquals(new Wait(Reason.NOBODY_AVAILABLE), decide(toDepartment(), department(Strategy.RANDOM),
                team(new Assignee(ANA, AgentStatus.AWAY, 0), new Assignee(BIA, AgentStatus.OFFLINE, 0))));
    }

    @Test
    void departmentsThatCannotWorkAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Department("Billing Team", "Billing", Strategy.RANDOM,
                List.of(ANA), Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Department("billing", " ", Strategy.RANDOM,
                List.of(ANA), Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Department("billing", "Billing", Strategy.SPECIFIC,
                List.of(ANA), Optional.of(BIA), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Department("billing", "Billing", Strategy.RANDOM,
                List.of(ANA), Optional.of(ANA), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Department("billing", "Billing", Strategy.LEAST_BUSY,
                List.of(ANA), Optional.empty(), Optional.of(0)));
        assertThrows(IllegalArgumentException.class, () -> new Department("billing", "Billing", Strategy.RANDOM,
                List.of("not an address"), Optional.empty(), Optional.empty()));
        assertEquals(List.of(ANA), new Department("billing", "Billing", Strategy.RANDOM, List.of("Ana@Desk.example", ANA),
                Optional.empty(), Optional.empty()).agents());
    }
}
