package app.smartcomply.webhooks.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's stale-jar check ({@code scripts/source-stamp.sh}, run by bash as {@code ./webhooks}
 * runs it): the fingerprint changes when a source file is added, edited or deleted — a deleted
 * migration must not live on in the jar — and not when a build, test or benchmark writes under
 * {@code target/} or a file is only touched.
 */
class SourceStampTest {

    private static final Path SCRIPT = locate("scripts/source-stamp.sh");

    @TempDir
    Path module;

    @BeforeEach
    void sources() throws IOException {
        Files.createDirectories(module.resolve("src/main/resources/db/migration"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Files.writeString(module.resolve("src/main/resources/db/migration/V1__core.sql"), "CREATE TABLE a (x int);");
        Files.writeString(module.resolve("src/main/resources/db/migration/V2__more.sql"), "CREATE TABLE b (x int);");
    }

    private String stamp() throws IOException, InterruptedException {
        Process bash = new ProcessBuilder(
                        "bash", "-c", ". \"$1\" && source_stamp \"$2\"", "stamp", SCRIPT.toString(), module.toString())
                .redirectErrorStream(true)
                .start();
        if (!bash.waitFor(30, TimeUnit.SECONDS)) {
            bash.destroyForcibly();
            throw new AssertionError("source_stamp did not finish within 30 s");
        }
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(bash.exitValue()).as(out).isZero();
        assertThat(out).matches("\\d+ \\d+");
        return out;
    }

    @Test
    void aDeletedSourceFileMakesTheJarStale() throws Exception {
        String built = stamp();
        Files.delete(module.resolve("src/main/resources/db/migration/V2__more.sql"));
        assertThat(stamp()).isNotEqualTo(built);
    }

    @Test
    void anAddedOrEditedSourceFileMakesTheJarStale() throws Exception {
        String built = stamp();
        Files.writeString(module.resolve("src/main/resources/db/migration/V3__new.sql"), "CREATE TABLE c (x int);");
        String added = stamp();
        assertThat(added).isNotEqualTo(built);
        Files.writeString(module.resolve("src/main/resources/db/migration/V1__core.sql"), "CREATE TABLE a (y int);");
        assertThat(stamp()).isNotEqualTo(added);
    }

    @Test
    void buildOutputAndTouchedFilesDoNot() throws Exception {
        String built = stamp();
        Files.createDirectories(module.resolve("target/classes"));
        Files.writeString(module.resolve("target/webhooks-server.jar"), "rebuilt by mvn verify");
        Files.writeString(module.resolve("target/classes/V9__stale.sql"), "left over");
        Files.setLastModifiedTime(
                module.resolve("pom.xml"), FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(stamp()).isEqualTo(built);
    }

    private static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(
                relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
