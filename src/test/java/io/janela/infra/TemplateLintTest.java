package io.janela.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's own linter on the SAM template, as {@code sam deploy} would meet it: a runtime Lambda no
 * longer creates, a wrong property or a dangling reference fails the build, warnings included.
 */
class TemplateLintTest {

    private static final Path TEMPLATE = Path.of("infra/template.yaml");

    private record Lint(int exitCode, String output) {
    }

    private static Lint lint(Path template) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("cfn-lint", "--non-zero-exit-code", "warning", "-f", "parseable", "--",
                    template.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException notInstalled) {
            return fail("cfn-lint is not installed: the README's test command needs it (pip install cfn-lint)");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "cfn-lint did not finish");
        return new Lint(process.exitValue(), output.strip());
    }

    @Test
    void theTemplateHasNeitherErrorsNorWarnings() throws Exception {
        Lint lint = lint(TEMPLATE);
        assertEquals("", lint.output());
        assertEquals(0, lint.exitCode());
    }

    @Test
    void aRuntimeLambdaNoLongerCreatesFailsTheLint(@TempDir Path dir) throws Exception {
        String template = Files.readString(TEMPLATE);
        List<String> runtimes = template.lines().filter(line -> line.strip().startsWith("Runtime: java")).toList();
        assertEquals(1, runtimes.size(), "one Runtime for every function, in Globals");
        Path retired = dir.resolve("template.yaml");
        Files.writeString(retired, template.replace(runtimes.get(0).strip(), "Runtime: java17"));

        Lint lint = lint(retired);

        assertTrue(lint.output().contains("E2533"), lint.output());
        assertTrue(lint.exitCode() != 0);
    }
}
