package io.janela.benchmark;

import io.janela.application.assignment.Assigner;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.team.Department.Strategy;
import io.janela.domain.ticket.TicketId;
import io.janela.support.AssignHarness;
import io.janela.support.CapacityMeter;
import io.janela.support.IngestHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Measures, does not judge: DynamoDB requests and capacity of one assignment and of one agent
 * coming online, as DynamoDB Local reports them (only assign's own calls are metered; the desk
 * work that sets the scene is not). Run it with {@code ./mvnw test -Dtest=AssignBenchmark}; it
 * prints a table and writes target/benchmark/assign.md.
 */
class AssignBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    private static final List<String> AGENTS = IntStream.rangeClosed(1, 5).mapToObj(n -> "agent" + n + "@desk.example").toList();

    private final StringBuilder report = new StringBuilder(
            "| work | outcome | requests | read units | write units |\n| --- | --- | ---: | ---: | ---: |\n");

    @Test
    void capacityPerAssignment() throws IOException {
        CapacityMeter meter = new CapacityMeter();
        try (IngestHarness setUp = new IngestHarness(CLOCK); IngestHarness metered = new IngestHarness(setUp.tables, CLOCK, meter)) {
            AssignHarness scene = new AssignHarness(setUp, CLOCK);
            AssignHarness assign = new AssignHarness(metered, CLOCK);
            AGENTS.forEach(agent -> scene.agent(agent, AgentStatus.ONLINE));
            scene.department("sequential", Strategy.SEQUENTIAL, AGENTS);
            scene.department("least-busy", Strategy.LEAST_BUSY, AGENTS);
            scene.department(new Department("capped", "Capped", Strategy.LEAST_BUSY, AGENTS, Optional.empty(), Optional.of(10)));
            scene.team.putDefaultDepartment(Optional.of("sequential"), "admin@desk.example", T0);
            // every agent already holds two tickets
            for (int i = 0; i < 10; i++) {
                TicketId held = scene.openAnswering(waId(900 + i), T0, new ReplyRoute.ToDepartment("sequential"));
                scene.assigner.assignTicket(AssignHarness.contact(waId(900 + i)), held);
            }

            measure(meter, "new ticket, SEQUENTIAL, 5 agents online (routed to the department)",
                    () -> assign.assigner.assignTicket(AssignHarness.contact(waId(1)),
                            scene.openAnswering(waId(1), T0, new ReplyRoute.ToDepartment("sequential"))));
            measure(meter, "new ticket with no route, into the default department (SEQUENTIAL, 5 agents)",
                    () -> assign.assigner.assignTicket(AssignHarness.contact(waId(2)), scene.open(waId(2), T0)));
            measure(meter, "new ticket, LEAST_BUSY, 5 agents online",
                    () -> assign.assigner.assignTicket(AssignHarness.contact(waId(3)),
                            scene.openAnswering(waId(3), T0, new ReplyRoute.ToDepartment("least-busy"))));
            measure(meter, "new ticket, LEAST_BUSY with maxConcurrent, 5 agents online",
                    () -> assign.assigner.assignTicket(AssignHarness.contact(waId(4)),
                            scene.openAnswering(waId(4), T0, new ReplyRoute.ToDepartment("capped"))));

            scene.agent("late@desk.example", AgentStatus.OFFLINE);
            scene.department("late-queue", Strategy.SEQUENTIAL, List.of("late@desk.example"));
            scene.department(new Department("late-capped", "Late capped", Strategy.LEAST_BUSY, List.of("late@desk.example"),
                    Optional.empty(), Optional.of(5)));
            for (int i = 0; i < 20; i++) {
                TicketId waiting = scene.openAnswering(waId(100 + i), T0.plusSeconds(i), new ReplyRoute.ToDepartment("late-queue"));
                scene.assigner.assignTicket(AssignHarness.contact(waId(100 + i)), waiting);
            }
            scene.status("late@desk.example", AgentStatus.ONLINE);
            measurePickup(meter, "agent coming online, 20 tickets waiting in their department (no cap)",
                    () -> assign.assigner.agentOnline("late@desk.example"));

            scene.agent("capped@desk.example", AgentStatus.OFFLINE);
            scene.department(new Department("capped-queue", "Capped queue", Strategy.LEAST_BUSY, List.of("capped@desk.example"),
                    Optional.empty(), Optional.of(5)));
            for (int i = 0; i < 20; i++) {
                TicketId waiting = scene.openAnswering(waId(200 + i), T0.plusSeconds(i), new ReplyRoute.ToDepartment("capped-queue"));
                scene.assigner.assignTicket(AssignHarness.contact(waId(200 + i)), waiting);
            }
            scene.status("capped@desk.example", AgentStatus.ONLINE);
            measurePickup(meter, "agent coming online, 20 tickets waiting, maxConcurrent 5",
                    () -> assign.assigner.agentOnline("capped@desk.example"));
        }
        Path out = Path.of("target/benchmark/assign.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private static String waId(int n) {
        return String.format("55119%08d", n);
    }

    private void measure(CapacityMeter meter, String label, Supplier<Assigner.Outcome> work) {
        meter.reset();
        Assigner.Outcome outcome = work.get();
        row(meter, label, outcome instanceof Assigner.Assigned assigned ? "assigned (" + assigned.reason() + ")"
                : outcome.getClass().getSimpleName());
    }

    private void measurePickup(CapacityMeter meter, String label, Supplier<Assigner.Pickup> work) {
        meter.reset();
        Assigner.Pickup pickup = work.get();
        row(meter, label, pickup.assigned().size() + " assigned of " + pickup.weighed() + " weighed");
    }

    private void row(CapacityMeter meter, String label, String outcome) {
        report.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f |%n", label, outcome, meter.requests(),
                meter.readUnits(), meter.writeUnits()));
    }
}
