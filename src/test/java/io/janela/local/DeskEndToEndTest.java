package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * An agent's shift on the desk page, in Debian's chromium against local mode
 * ({@code desk/e2e/scenario.mjs}): sign in, take a waiting ticket, reply and see it delivered and
 * read, watch a window turn EXPIRING, be refused free text after the window ends and send a
 * template, schedule a close that the customer's next message cancels; labels and a keyboard path
 * to the reply box. Its screenshots land in {@code target/e2e-screenshots/}.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(DeskEndToEndTest.Desk.class)
class DeskEndToEndTest {

    /** Local mode in an application of its own: the scenario registers its agent and template. */
    public static class Desk extends LocalModeProfile {
    }

    @Inject
    LocalMode localMode;

    @Test
    void anAgentWorksTheQueueInABrowserWithinTheWindowsRules() throws Exception {
        String printed = DeskBrowser.run("scenario.mjs", localMode.port(), 240);
        System.out.println(printed);

        assertTrue(printed.contains("SCENARIO passed"), printed);
        for (String view : List.of("01-sign-in", "01-queue", "02-waiting-ticket", "03-reply-read", "04-queue-expiring",
                "05-window-closed", "06-template-sent", "07-close-scheduled", "08-close-cancelled")) {
            assertTrue(Files.exists(DeskBrowser.SCREENSHOTS.resolve(view + "-1280.png")), view + " at 1280 px");
        }
        for (String view : List.of("01-sign-in", "01-queue", "03-reply-read", "04-queue-expiring", "05-window-closed")) {
            assertTrue(Files.exists(DeskBrowser.SCREENSHOTS.resolve(view + "-390.png")), view + " at 390 px");
        }
    }
}
