package app.smartcomply.webhooks.client;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * What a restarted {@code webhooks listen} resumes from: its session, that session's secret, and
 * the last event it handled. Kept in a small file readable by its owner only (it holds the session's
 * signing secret), written whole after every event.
 */
final class ListenState {

    private final Path file;
    String sessionId;
    String signingSecret;
    String lastEventId;

    private ListenState(Path file) {
        this.file = file;
    }

    /**
     * The state in {@code file}, or for a default file named after what is listened to (service, key,
     * forward target, event types): the same command line resumes the same session.
     */
    static ListenState load(Path file, String... identity) throws IOException {
        Path path = file != null ? file : defaultFile(identity);
        ListenState state = new ListenState(path);
        if (Files.isRegularFile(path)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            state.sessionId = p.getProperty("session_id");
            state.signingSecret = p.getProperty("signing_secret");
            state.lastEventId = p.getProperty("last_event_id");
        }
        return state;
    }

    Path file() {
        return file;
    }

    void save() throws IOException {
        Properties p = new Properties();
        if (sessionId != null) {
            p.setProperty("session_id", sessionId);
        }
        if (signingSecret != null) {
            p.setProperty("signing_secret", signingSecret);
        }
        if (lastEventId != null) {
            p.setProperty("last_event_id", lastEventId);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".listen-", ".tmp");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        }
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "webhooks listen: session to resume (holds its signing secret)");
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path defaultFile(String... identity) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : identity) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            String name = HexFormat.of().formatHex(digest.digest()).substring(0, 16) + ".properties";
            return Path.of(System.getProperty("user.home"), ".smartcomply", "listen", name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
