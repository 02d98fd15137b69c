package app.smartcomply.webhooks.cli;

import app.smartcomply.webhooks.account.AdminKeyStore;
import app.smartcomply.webhooks.store.StoreDataSource;
import app.smartcomply.webhooks.store.StoreProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./webhooks admin-key …}: the platform's admin key, managed offline on the store itself. */
@Command(
        name = "admin-key",
        description = "Reset the platform's admin key (offline, on the store itself).",
        commandListHeading = "%nCommands:%n")
final class AdminKeyCommand implements Runnable {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code admin-key reset}: writes a new generated admin key's hash into the store and prints the
     * key once. The old key stops working on every running node within a second ({@code AdminKey}
     * re-reads the stored hash). Needs no running service — it is the way back in when the key is
     * lost, or when the first start failed before its banner showed it. A key set with {@code
     * WEBHOOKS_ADMIN_KEY} wins over any stored one, so with it set this refuses (exit 1).
     */
    @Command(
            name = "reset",
            description = {
                "Make a new admin key and print it once; the old one stops working.",
                "Running nodes switch within a second. Works offline, on the store itself:",
                "give it the service's WEBHOOKS_DATA_DIR or WEBHOOKS_DATABASE_URL.",
                "Not for a key set with WEBHOOKS_ADMIN_KEY (that one wins; change it there)."
            })
    static final class Reset implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                description = "The SQLite store's directory; default WEBHOOKS_DATA_DIR, else ./data.")
        Path dataDir;

        @Option(
                names = "--database-url",
                paramLabel = "URL",
                description = "A PostgreSQL store (postgres://…); default WEBHOOKS_DATABASE_URL.")
        String databaseUrl;

        private final CliContext context;

        Reset(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (context.variable("WEBHOOKS_ADMIN_KEY").isPresent()) {
                throw new CliFailure(
                        1,
                        "WEBHOOKS_ADMIN_KEY is set, and a configured admin key wins over a stored one: "
                                + "nothing was reset. Change WEBHOOKS_ADMIN_KEY where the service is configured and restart it, "
                                + "or unset it to use a generated key.");
            }
            StoreProperties store = new StoreProperties(
                    dataDir != null
                            ? dataDir
                            : Path.of(context.variable("WEBHOOKS_DATA_DIR").orElse("./data")),
                    databaseUrl != null
                            ? databaseUrl
                            : context.variable("WEBHOOKS_DATABASE_URL").orElse(null),
                    1,
                    null);
            if (!StoreDataSource.exists(store)) {
                // SQLite would create an empty file, and a key in it would work nowhere.
                throw new CliFailure(
                        1,
                        "No store at " + StoreDataSource.sqliteFile(store)
                                + ". Point --data-dir (or WEBHOOKS_DATA_DIR) at the service's data directory.");
            }
            String key;
            try (HikariDataSource dataSource = StoreDataSource.open(store)) {
                key = new AdminKeyStore(JdbcClient.create(dataSource)).replace();
            } catch (DataAccessException | com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
                throw new CliFailure(
                        1,
                        "Could not write the new admin key to the store ("
                                + (store.usesPostgres() ? "PostgreSQL" : StoreDataSource.sqliteFile(store)) + "): "
                                + rootMessage(e)
                                + "\nHas the service started on this store at least once?");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("New admin key (shown only this once — save it):");
            out.println("  " + key);
            out.println("The previous admin key no longer works; running nodes switch within a second.");
            out.flush();
            return 0;
        }

        private static String rootMessage(Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause.getMessage();
        }
    }
}
