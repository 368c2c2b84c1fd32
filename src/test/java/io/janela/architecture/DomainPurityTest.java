package io.janela.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain depends on nothing but Java itself: no framework, no AWS, no JSON library. */
class DomainPurityTest {

    private static final Path DOMAIN = Path.of("src/main/java/io/janela/domain");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;", Pattern.MULTILINE);
    /** Fully qualified use without an import, e.g. {@code jakarta.inject.Inject} in an annotation. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(jakarta|javax|io\\.quarkus|software\\.amazon|com\\.fasterxml|org)\\.[a-z]+\\.");

    @Test
    void theDomainImportsOnlyJavaAndItself() throws IOException {
        List<String> offences = new ArrayList<>();
        List<Path> sources = javaSources();
        for (Path source : sources) {
            String code = Files.readString(source);
            Matcher imports = IMPORT.matcher(code);
            while (imports.find()) {
                String imported = imports.group(2);
                if (!imported.startsWith("java.") && !imported.startsWith("io.janela.domain.")) {
                    offences.add(source + " imports " + imported);
                }
            }
            Matcher qualified = QUALIFIED.matcher(code.replaceAll("(?m)^import .*$", ""));
            while (qualified.find()) {
                offences.add(source + " uses " + qualified.group());
            }
        }
        assertTrue(sources.size() >= 10, "the domain sources were not found under " + DOMAIN.toAbsolutePath());
        assertEquals(List.of(), offences);
    }

    @Test
    void theCheckWouldCatchAFrameworkImport() {
        Matcher matcher = IMPORT.matcher("import jakarta.inject.Inject;\nimport java.time.Instant;\n");
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(2));
        }
        assertEquals(List.of("jakarta.inject.Inject", "java.time.Instant"), found);
        assertTrue(QUALIFIED.matcher("@jakarta.inject.Inject Clock clock;").find());
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(DOMAIN)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }
}
