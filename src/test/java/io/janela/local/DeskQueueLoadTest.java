package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The time from "Sign in" to a usable queue with 500 open tickets, beside the same time on an
 * empty desk in the same run ({@code desk/e2e/queue-load.mjs}); the figures and the load average
 * are printed and kept in {@code target/e2e-screenshots/queue-load.txt} (the README quotes one run).
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskQueueLoadTest.FiveHundredTickets.class)
class DeskQueueLoadTest {

    /** Local mode in an application of its own: its desk starts empty and ends with 500 open tickets. */
    public static class FiveHundredTickets extends LocalModeProfile {
    }

    @Inject
    LocalMode localMode;

    @Test
    void theQueueIsUsableWithFiveHundredOpenTickets() throws Exception {
        String printed = DeskBrowser.run("queue-load.mjs", localMode.port(), 300);

        System.out.println(printed);
        assertTrue(printed.contains("QUEUE "), printed);
    }
}
