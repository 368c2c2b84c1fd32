package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The README's walkthrough, its {@code sh walkthrough} blocks in order, run with bash against
 * local mode as a reader runs them: each {@code curl -f} and {@code jq -e} in them is a check, so
 * a step that no longer works fails the suite. Its customers write at times relative to now and
 * each message gets a fresh id, so it also passes when followed again on the same data (run it
 * twice by hand to see; once here keeps the suite fast).
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(ReadmeWalkthroughTest.Walkthrough.class)
class ReadmeWalkthroughTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```sh walkthrough\\n(.*?)^```$", Pattern.DOTALL);

    /**
     * Local mode as {@link LocalModeProfile} starts it, in an application of its own: the
     * walkthrough sets the desk up (a default department, an agent online), which the other local
     * tests do not expect.
     */
    public static class Walkthrough extends LocalModeProfile {
    }

    @Inject
    LocalMode localMode;

    static List<String> walkthroughBlocks() {
        String readme;
        try {
            readme = Files.readString(README);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    @Test
    void theWalkthroughShowsEveryStepAndAddressesLocalModeOnlyThroughJanela() {
        String script = String.join("\n", walkthroughBlocks());

        for (String step : List.of("/webhook?hub.mode=subscribe", "/sandbox/customer-messages", "PUT $JANELA/agents/",
                "/tickets?view=mine", "POST $JANELA/messages", "/tags", "/notes", "/close", "/sweeps",
                "'.error == \"window_closed\"'", "cancelOnReply", "/scheduled-close", "/sandbox/v25.0/")) {
            assertTrue(script.contains(step), "the walkthrough has lost the step with " + step);
        }
        assertEquals(1, script.split("localhost:8080", -1).length - 1,
                "only JANELA's default names local mode's address, so the walkthrough runs on any port");
    }

    @Test
    void theReadmesWalkthroughRunsAsWritten() throws Exception {
        String script = "set -euxo pipefail\n" + String.join("\n", walkthroughBlocks());

        Path output = Files.createTempFile("janela-walkthrough", ".log");
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        bash.environment().put("JANELA", "http://localhost:" + localMode.port());
        Process process;
        try {
            process = bash.start();
        } catch (IOException notInstalled) {
            fail("bash is not installed: the README's walkthrough test needs it, with curl and jq");
            return;
        }
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(finished, "the walkthrough did not finish in a minute:\n" + printed);
        assertEquals(0, process.exitValue(), "the README's walkthrough failed (curl and jq are needed); what it"
                + " printed, the failing step last:\n" + printed);
    }
}
