package io.janela.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yardstick of the cold-start benchmark: the smallest Quarkus Funqy function for Lambda, of the
 * Quarkus version Janela builds with (read from Janela's pom.xml), generated as a Maven project and
 * packaged by Janela's own Maven wrapper, offline, into a function.zip of its own.
 */
final class MinimalFunqyFunction {

    private static final String SOURCE = """
            package minimal;

            import io.quarkus.funqy.Funq;
            import java.util.Map;

            public class Hello {

                @Funq
                public Map<String, Object> hello(Map<String, Object> event) {
                    return Map.of("statusCode", 200, "body", "ok");
                }
            }
            """;

    private MinimalFunqyFunction() {
    }

    /** Generates the project in {@code folder}, packages it and answers its function.zip. */
    static Path build(Path folder) {
        String pom;
        try {
            pom = Files.readString(Path.of("pom.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String quarkus = property(pom, "quarkus.version");
        try {
            TaskRoot.delete(folder);
            Files.createDirectories(folder.resolve("src/main/java/minimal"));
            Files.createDirectories(folder.resolve("src/main/resources"));
            Files.writeString(folder.resolve("pom.xml"), pom(quarkus, property(pom, "compiler-plugin.version"),
                    property(pom, "surefire-plugin.version"), property(pom, "maven.compiler.release")));
            Files.writeString(folder.resolve("src/main/java/minimal/Hello.java"), SOURCE);
            // as Janela: the function sees Lambda's event whole
            Files.writeString(folder.resolve("src/main/resources/application.properties"),
                    "quarkus.funqy.amazon-lambda.advanced-event-handling.enabled=false\n");
            Path log = folder.resolve("build.log");
            Process maven = new ProcessBuilder(List.of(Path.of("mvnw").toAbsolutePath().toString(), "-B", "-o", "-q",
                    "-f", folder.resolve("pom.xml").toString(), "package", "-DskipTests"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0) {
                maven.destroyForcibly();
                throw new IllegalStateException("the minimal function did not build; see " + log);
            }
            System.out.printf("cold-start benchmark: minimal Funqy function on Quarkus %s built in %s%n", quarkus, folder);
            return folder.resolve("target/function.zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String property(String pom, String name) {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        if (!value.find()) {
            throw new IllegalStateException("pom.xml has no property " + name);
        }
        return value.group(1).trim();
    }

    private static String pom(String quarkus, String compiler, String surefire, String release) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.janela.benchmark</groupId>
                  <artifactId>minimal-funqy</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>%4$s</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>io.quarkus</groupId>
                        <artifactId>quarkus-bom</artifactId>
                        <version>%1$s</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>io.quarkus</groupId>
                      <artifactId>quarkus-funqy-amazon-lambda</artifactId>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.quarkus</groupId>
                        <artifactId>quarkus-maven-plugin</artifactId>
                        <version>%1$s</version>
                        <extensions>true</extensions>
                        <executions>
                          <execution>
                            <goals>
                              <goal>build</goal>
                            </goals>
                          </execution>
                        </executions>
                      </plugin>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%2$s</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>%3$s</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(quarkus, compiler, surefire, release);
    }
}
