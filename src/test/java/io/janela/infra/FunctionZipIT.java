package io.janela.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** Runs after packaging: the zip SAM deploys holds the functions and none of local mode's machinery. */
class FunctionZipIT {

    private static final Path ZIP = Path.of("target/function.zip");

    private static List<String> entries() throws IOException {
        assertTrue(Files.exists(ZIP), ZIP.toAbsolutePath() + " was not built");
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void holdsTheFunctionsAndTheirDependencies() throws IOException {
        List<String> entries = entries();
        assertTrue(entries.contains("io/janela/functions/WebhookFunction.class"), "webhook function missing");
        assertTrue(entries.contains("io/janela/functions/DeskFunction.class"), "desk function missing");
        assertTrue(entries.stream().anyMatch(entry -> entry.matches("lib/software\\.amazon\\.awssdk\\.dynamodb-.*\\.jar")),
                "the DynamoDB SDK is missing");
        assertTrue(entries.stream().anyMatch(entry -> entry.matches("lib/software\\.amazon\\.awssdk\\.secretsmanager-.*\\.jar")),
                "the Secrets Manager SDK is missing");
    }

    /** Every AWS client uses the URL connection client: no Apache or Netty HTTP client for the SDK to load. */
    @Test
    void holdsOnlyTheUrlConnectionClientOfTheAwsSdk() throws IOException {
        List<String> clients = entries().stream()
                .filter(entry -> entry.matches("lib/software\\.amazon\\.awssdk\\.(apache|apache5|netty-nio)-client-.*\\.jar"))
                .toList();
        assertEquals(List.of(), clients);
        assertTrue(entries().stream().anyMatch(entry -> entry.matches("lib/software\\.amazon\\.awssdk\\.url-connection-client-.*\\.jar")));
    }

    @Test
    void holdsNoneOfLocalModesMachinery() throws IOException {
        List<String> local = entries().stream()
                .filter(entry -> entry.startsWith("io/janela/local/")
                        || entry.contains("DynamoDBLocal")
                        || entry.contains("sqlite4java")
                        || entry.contains("jackson-dataformat-yaml")
                        || entry.contains("LocalModeConfig")
                        || entry.endsWith("template.yaml"))
                .toList();
        assertEquals(List.of(), local);
    }

    /** The agents' page is static files on a host of its own (local mode serves it): no function carries it. */
    @Test
    void holdsNotTheDeskPage() throws IOException {
        List<String> page = entries().stream()
                .filter(entry -> entry.startsWith("desk-page/") || entry.startsWith("desk/") || entry.contains("resources/desk/")
                        || entry.endsWith("index.html"))
                .toList();
        assertEquals(List.of(), page);
    }
}
