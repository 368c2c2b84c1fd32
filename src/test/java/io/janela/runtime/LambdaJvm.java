package io.janela.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JDK a function runs on here, and the options Lambda's managed Java runtime starts it with.
 * Lambda runs {@code java25} on Amazon Corretto 25; this machine's nearest is a JDK of the same
 * major version: {@code JANELA_RUNTIME_JAVA_HOME}, else one under /usr/lib/jvm whose name holds the
 * version, else the JDK running the build (named as such in {@link #description()}).
 */
record LambdaJvm(Path home, int major, String version, String description) {

    static final String JAVA_HOME_VARIABLE = "JANELA_RUNTIME_JAVA_HOME";
    private static final Path JVMS = Path.of("/usr/lib/jvm");

    /** The JDK for a Lambda runtime identifier such as {@code java25}. */
    static LambdaJvm forRuntime(String runtime) {
        int wanted = Integer.parseInt(runtime.replaceAll("\\D", ""));
        Optional<String> named = Optional.ofNullable(System.getenv(JAVA_HOME_VARIABLE)).filter(home -> !home.isBlank());
        if (named.isPresent()) {
            return of(Path.of(named.get()), "from " + JAVA_HOME_VARIABLE + ", for " + runtime);
        }
        Optional<Path> installed = installedJdk(wanted);
        if (installed.isPresent()) {
            return of(installed.get(), "matching " + runtime);
        }
        return of(Path.of(System.getProperty("java.home")), "the build's own JDK: no JDK " + wanted
                + " found for " + runtime + " (set " + JAVA_HOME_VARIABLE + ")");
    }

    private static Optional<Path> installedJdk(int major) {
        if (!Files.isDirectory(JVMS)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVMS)) {
            return homes.filter(home -> home.getFileName().toString().matches(".*\\D" + major + "(\\D.*)?"))
                    .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> !Files.isSymbolicLink(home))
                    .min(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LambdaJvm of(Path home, String why) {
        Properties release = new Properties();
        try (var in = Files.newBufferedReader(home.resolve("release"))) {
            release.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JDK: " + home, e);
        }
        String version = unquote(release.getProperty("JAVA_VERSION", "?"));
        String vendor = unquote(release.getProperty("IMPLEMENTOR", "?"));
        int major = Integer.parseInt(version.split("[.+-]")[0]);
        return new LambdaJvm(home, major, version, vendor + " " + version + " at " + home + " (" + why + ")");
    }

    private static String unquote(String value) {
        return value.replace("\"", "");
    }

    Path java() {
        return home.resolve("bin/java");
    }

    /** The options Lambda's Java bootstrap starts a function of {@code memoryMb} with, on demand. */
    List<String> lambdaOptions(int memoryMb) {
        return lambdaOptions(memoryMb, false, List.of());
    }

    /**
     * Lambda's options, for a start on demand or one as SnapStart starts it, followed by {@code more};
     * an AOT cache option takes the place of {@code -Xshare:auto}, which the JVM refuses beside it.
     */
    List<String> lambdaOptions(int memoryMb, boolean snapStart, List<String> more) {
        boolean aotCache = more.stream().anyMatch(option -> option.startsWith("-XX:AOT"));
        return Stream.concat(lambdaDefaults(memoryMb, snapStart).stream()
                        .filter(option -> !(aotCache && option.startsWith("-Xshare:"))), more.stream())
                .toList();
    }

    /**
     * As Lambda's bootstrap passes them (seen on the java17 runtime, and documented for java21 and
     * java25): 85% of the memory as heap, the serial collector, class data sharing, tiered compilation
     * stopped at C1 (which java25 leaves out under SnapStart and provisioned concurrency: the JVM's own
     * tiering, as JIT work there happens before the snapshot), the runtime client's {@code add-opens},
     * and its CRaC bridge. Lambda's own CDS archive of its runtime is not here; {@code -Xshare:auto}
     * uses the JDK's.
     */
    private List<String> lambdaDefaults(int memoryMb, boolean snapStart) {
        List<String> c1Only = snapStart && major >= 25 ? List.of() : List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
        return Stream.of(
                        Stream.of("-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k", "-XX:+UseSerialGC", "-Xshare:auto"),
                        c1Only.stream(),
                        Stream.of("--add-opens=java.base/java.io=ALL-UNNAMED",
                                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                                "-Djava.net.preferIPv4Stack=true",
                                "-XX:+ErrorFileToStderr"))
                .flatMap(options -> options)
                .toList();
    }
}
