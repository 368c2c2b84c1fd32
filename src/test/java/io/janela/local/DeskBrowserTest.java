package io.janela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The end-to-end tests find chromium as {@code which} does, and never skip quietly without it. */
class DeskBrowserTest {

    @Test
    void withoutChromiumTheEndToEndTestsFailSayingHowToInstallIt(@TempDir Path empty) {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> DeskBrowser.chromiumOrFail(empty + ":" + empty.resolve("missing")));

        assertTrue(failure.getMessage().contains("apt-get install -y chromium"), failure.getMessage());
    }

    @Test
    void chromiumIsTheFirstExecutableOfThatNameOnThePath(@TempDir Path folder) throws Exception {
        Path first = Files.createDirectories(folder.resolve("first"));
        Path second = Files.createDirectories(folder.resolve("second"));
        Files.createFile(first.resolve("chromium"));
        Path executable = Files.createFile(second.resolve("chromium"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));

        assertEquals(executable, DeskBrowser.chromiumOrFail(first + ":" + second));
    }
}
