package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one of the desk page's end-to-end scripts ({@code desk/e2e/*.mjs}, playwright-core driving
 * Debian's chromium) against a running local mode, and fails with what the script printed. A
 * machine without chromium fails the test with the command that installs it: nothing is skipped.
 */
final class DeskBrowser {

    static final Path SCRIPTS = Path.of("desk", "e2e");
    static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");

    private DeskBrowser() {
    }

    /** Debian's chromium on a PATH, as {@code which chromium} finds it; the test fails, saying how to install it, without. */
    static Path chromiumOrFail(String path) {
        return chromium(path).orElseGet(() -> fail("chromium is not installed: the desk's end-to-end tests drive"
                + " Debian's chromium (as root: apt-get update && apt-get install -y chromium; .ci/run does it)"));
    }

    private static Optional<Path> chromium(String path) {
        return Stream.of(path.split(File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, "chromium"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Runs {@code desk/e2e/<script>} with node and returns what it printed; fails the test if the script fails. */
    static String run(String script, int janelaPort, long timeoutSeconds) throws Exception {
        Path browser = chromiumOrFail(Optional.ofNullable(System.getenv("PATH")).orElse(""));
        assertTrue(Files.isDirectory(Path.of("desk", "node_modules", "playwright-core")),
                "playwright-core is not installed: the build's npm ci in desk/ installs it (run ./mvnw -B verify)");
        Files.createDirectories(SCREENSHOTS);
        Path output = Files.createTempFile("janela-desk-e2e", ".log");
        ProcessBuilder node = new ProcessBuilder("node", SCRIPTS.resolve(script).toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        node.environment().put("JANELA_URL", "http://localhost:" + janelaPort);
        node.environment().put("JANELA_CHROMIUM", browser.toString());
        node.environment().put("JANELA_SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        Process process;
        try {
            process = node.start();
        } catch (IOException notInstalled) {
            return fail("node is not installed: the desk's build and its end-to-end tests need Node.js 20 and npm");
        }
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(finished, script + " did not finish in " + timeoutSeconds + " s:\n" + printed);
        assertEquals(0, process.exitValue(), script + " failed; what it printed:\n" + printed);
        return printed;
    }
}
