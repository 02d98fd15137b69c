package app.smartcomply.webhooks.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** A stopped service's SQLite data directory, as the purge scenario copies, measures and removes it. */
final class SqliteDataDirs {

    private SqliteDataDirs() {}

    /** The SQLite database and its WAL. */
    static long databaseBytes(Path dataDir) {
        long bytes = 0;
        for (String name : new String[] {"webhooks.db", "webhooks.db-wal"}) {
            try {
                Path file = dataDir.resolve(name);
                bytes += Files.exists(file) ? Files.size(file) : 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }

    static void copyTree(Path from, Path to) {
        try (var tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().endsWith("-shm")) {
                    Files.copy(source, target); // not the shared-memory index: SQLite rebuilds it on open
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        try (var tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
