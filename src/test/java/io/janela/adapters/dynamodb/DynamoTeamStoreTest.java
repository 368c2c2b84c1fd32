package io.janela.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.support.IngestHarness;
import io.janela.support.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The team's store on DynamoDB Local: statuses, agents read in batches, the round-robin counter, the default department. */
class DynamoTeamStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private IngestHarness desk;
    private DynamoTeamStore team;

    @BeforeEach
    void tables() {
        desk = new IngestHarness(clock);
        team = new DynamoTeamStore(desk.dynamo, desk.tables.directory());
    }

    @AfterEach
    void close() {
        desk.close();
    }

    private Map<String, AttributeValue> agentItem(String email) {
        return desk.dynamo.getItem(request -> request.tableName(desk.tables.directory()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("AGENT#" + email), "sk", AttributeValue.fromS("AGENT")))).item();
    }

    @Test
    void aStatusChangeAnswersThePreviousStatusAndRecordsWhoAndWhen() {
        desk.directory.putAgent(new Agent("bia@desk.example", "Bia", AgentStatus.OFFLINE, true));

        assertEquals(Optional.of(AgentStatus.OFFLINE),
                team.setAgentStatus("Bia@Desk.Example", AgentStatus.ONLINE, "bia@desk.example", T0));
        assertEquals(Optional.of(AgentStatus.ONLINE),
                team.setAgentStatus("bia@desk.example", AgentStatus.AWAY, "admin@desk.example", T0.plusSeconds(60)));

        Map<String, AttributeValue> item = agentItem("bia@desk.example");
        assertEquals("AWAY", item.get("status").s());
        assertEquals("admin@desk.example", item.get("statusBy").s());
        assertEquals(Long.toString(T0.plusSeconds(60).getEpochSecond()), item.get("statusAt").n());
        assertEquals("Bia", item.get("name").s(), "the name and permission stay as the administrator set them");
        assertTrue(item.get("canSendActiveMessages").bool());
    }

    @Test
    void anUnknownAgentsStatusIsNotWritten() {
        List<String> before = desk.directoryState();

        assertEquals(Optional.empty(), team.setAgentStatus("nobody@desk.example", AgentStatus.ONLINE, "nobody@desk.example", T0));

        assertEquals(before, desk.directoryState());
    }

    /** More agents than one BatchGetItem takes (100 keys): every one is found, the unknown ones left out. */
    @Test
    void agentsAreReadInBatchesByLowerCasedAddress() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String email = "agent" + i + "@desk.example";
            desk.directory.putAgent(new Agent(email, "Agent " + i, i % 2 == 0 ? AgentStatus.ONLINE : AgentStatus.OFFLINE, false));
            emails.add(i % 3 == 0 ? email.toUpperCase() : email);
        }
        emails.add("ghost@desk.example");

        Map<String, Agent> found = team.agents(emails);

        assertEquals(130, found.size());
        assertEquals(AgentStatus.ONLINE, found.get("agent0@desk.example").status());
        assertEquals(AgentStatus.OFFLINE, found.get("agent129@desk.example").status());
        assertEquals(Map.of(), team.agents(List.of()));
    }

    /** The counter is one atomic ADD: eight threads taking 400 turns get 400 different turns, 0 to 399. */
    @Test
    void everyCallerGetsItsOwnTurn() throws Exception {
        Set<Long> turns = new ConcurrentSkipListSet<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = IntStream.range(0, 400)
                    .mapToObj(i -> threads.submit(() -> turns.add(team.nextTurn("billing"))))
                    .<Future<?>>map(future -> future)
                    .toList();
            for (Future<?> each : work) {
                each.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(400, turns.size());
        assertEquals(0L, turns.iterator().next());
        assertEquals(399L, ((ConcurrentSkipListSet<Long>) turns).last());
        assertEquals(0L, team.nextTurn("returns"), "each department counts apart");
    }

    @Test
    void theDefaultDepartmentIsSetClearedAndLeavesTheOtherSettingsAlone() {
        desk.directory.putActiveMessagePolicy(io.janela.domain.outbound.ActiveMessagePolicy.BLOCKED);
        assertEquals(Optional.empty(), team.defaultDepartment());

        team.putDefaultDepartment(Optional.of("billing"), "admin@desk.example", T0);
        assertEquals(Optional.of("billing"), team.defaultDepartment());

        team.putDefaultDepartment(Optional.empty(), "admin@desk.example", T0.plusSeconds(5));
        assertEquals(Optional.empty(), team.defaultDepartment());
        assertEquals(io.janela.domain.outbound.ActiveMessagePolicy.BLOCKED, desk.directory.activeMessagePolicy());
    }

    @Test
    void departmentsAreListedById() {
        team.putDepartment(new Department("returns", "Returns", Department.Strategy.RANDOM, List.of("bia@desk.example"),
                Optional.empty(), Optional.empty()), "admin@desk.example", T0);
        team.putDepartment(new Department("billing", "Billing", Department.Strategy.SPECIFIC, List.of("caio@desk.example"),
                Optional.of("caio@desk.example"), Optional.of(3)), "admin@desk.example", T0);

        assertEquals(List.of("billing", "returns"), team.departments().stream().map(Department::id).toList());
        assertEquals(List.of("billing"), team.departmentsOf("caio@desk.example").stream().map(Department::id).toList());
        Department billing = team.findDepartment("billing").orElseThrow();
        assertEquals(Optional.of("caio@desk.example"), billing.specificAgent());
        assertEquals(Optional.of(3), billing.maxConcurrent());
    }
}
