package app.smartcomply.webhooks.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the service's files readable by the account it runs as and nobody else: directories
 * {@code rwx------} (0700), files {@code rw-------} (0600). They hold every endpoint's encrypted
 * signing secret, API key hashes, event payloads — and, by default, the key that decrypts the
 * secrets.
 *
 * <p>Java cannot set the process umask, so modes are set explicitly: a directory or file this
 * class creates gets the owner-only mode from the start (never a moment world-readable), and one
 * that already exists — from an older version, or made by hand — is tightened, with a log line
 * saying so. Where the mode cannot be changed (the file belongs to another user) it says so at
 * WARN and carries on: refusing to start would not make the file any safer. On file systems
 * without POSIX permissions (Windows) nothing is done; there the directory's ACLs protect it.
 */
public final class OwnerOnlyFiles {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /** Creates {@code dir} (and missing parents) as 0700, or tightens it to 0700 if it exists. */
    public static void directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                if (posix(dir.toAbsolutePath().getRoot())) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create directory " + dir, e);
        }
        tighten(dir, DIRECTORY);
    }

    /** Creates an empty {@code file} as 0600 if it does not exist; tightens it to 0600 if it does. */
    public static void file(Path file) {
        try {
            if (posix(file.toAbsolutePath().getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException exists) {
            // Fine: tightened below.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
        tighten(file, FILE);
    }

    /** Tightens {@code dir} to 0700 and every regular file directly in it to 0600. */
    public static void directoryAndContents(Path dir) {
        directory(dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    tighten(entry, FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /** True if the file's group or other users may read, write or enter it (POSIX only). */
    public static boolean othersHaveAccess(Path path) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            return view != null
                    && view.readAttributes().permissions().stream()
                            .anyMatch(p -> !p.name().startsWith("OWNER"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted) {
        PosixFileAttributeView view =
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> current = view.readAttributes().permissions();
            if (!current.equals(wanted)) {
                view.setPermissions(wanted);
                log.info(
                        "Restricted {} to its owner (was {}, now {})",
                        path,
                        PosixFilePermissions.toString(current),
                        PosixFilePermissions.toString(wanted));
            }
        } catch (IOException e) {
            log.warn(
                    "Could not restrict {} to its owner ({}): other users on this machine may be able to read it."
                            + " Make the service's user its owner, or change its mode to {}.",
                    path,
                    e.getMessage(),
                    PosixFilePermissions.toString(wanted));
        }
    }

    private static boolean posix(Path path) {
        for (Path at = path; at != null; at = at.getParent()) {
            if (Files.exists(at)) {
                return Files.getFileAttributeView(at, PosixFileAttributeView.class) != null;
            }
        }
        return false;
    }
}
