package io.janela.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A deployment package unzipped as Lambda unzips it into /var/task, the runtime client's task root. */
final class TaskRoot {

    private TaskRoot() {
    }

    /** Unzips {@code zip} into a fresh {@code folder}. */
    static Path unzip(Path zip, Path folder) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip.toAbsolutePath() + " was not built: run ./mvnw package first");
        }
        try {
            delete(folder);
            Files.createDirectories(folder);
            Path root = folder.toRealPath();
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                for (ZipEntry entry : archive.stream().toList()) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IllegalStateException(zip + " holds an entry outside its root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (var in = archive.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(zip + " could not be unzipped into " + folder, e);
        }
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
