package app.smartcomply.webhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./webhooks admin-key reset} against a running service's store, on each engine: the old
 * key stops working (within a second — the nodes re-read the stored hash), the new one works,
 * and a key set with {@code WEBHOOKS_ADMIN_KEY} is left alone. Also {@code accounts create} and
 * {@code keys create} against the same running service over real HTTP.
 */
abstract class AdminKeyResetContract {

    /** Spring arguments that put the service on this engine's store. */
    abstract List<String> serviceStoreArgs();

    /** The same store for {@code admin-key reset}: {@code --data-dir …} or {@code --database-url …}. */
    abstract List<String> cliStoreArgs();

    record Result(int code, String out, String err) {}

    static Result cli(Map<String, String> env, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = WebhooksCli.commandLine(new CliContext(env, Path.of(".")), new ServeCommand.Started());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    ServiceStart startService() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--webhooks.admin-key="));
        args.addAll(serviceStoreArgs());
        return ServiceStart.start(args.toArray(String[]::new));
    }

    static int createAccountStatus(ApiClient api, String adminKey) {
        return api.post("/api/v1/accounts", adminKey, "{\"name\":\"Acme Ltd\"}").status();
    }

    /** Bounded real-time wait: the other side re-reads the key on its own (at most every 0.5 s). */
    static void awaitStatus(int expected, java.util.function.IntSupplier status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int last;
        while ((last = status.getAsInt()) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected HTTP " + expected + " within 5 s, still " + last);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void resetRevokesTheOldKeyAndPrintsANewOneThatWorks() {
        try (ServiceStart service = startService()) {
            ApiClient api = ApiClient.onPort(service.port());
            String oldKey = service.bannerAdminKey();
            assertThat(createAccountStatus(api, oldKey)).isEqualTo(201);

            List<String> args = new ArrayList<>(List.of("admin-key", "reset"));
            args.addAll(cliStoreArgs());
            Result reset = cli(Map.of(), args);

            assertThat(reset.code()).as(reset.err()).isZero();
            String newKey = ServiceStart.adminKeyIn(reset.out());
            assertThat(newKey).isNotEqualTo(oldKey);
            assertThat(reset.out()).contains("shown only this once", "no longer works");
            awaitStatus(401, () -> createAccountStatus(api, oldKey));
            assertThat(createAccountStatus(api, newKey)).isEqualTo(201);
        }
    }

    @Test
    void aKeySetByTheEnvironmentWinsAndNothingIsReset() {
        try (ServiceStart service = startService()) {
            ApiClient api = ApiClient.onPort(service.port());
            String key = service.bannerAdminKey();

            List<String> args = new ArrayList<>(List.of("admin-key", "reset"));
            args.addAll(cliStoreArgs());
            Result reset = cli(Map.of("WEBHOOKS_ADMIN_KEY", "sc_admin_configured_elsewhere"), args);

            assertThat(reset.code()).isEqualTo(1);
            assertThat(reset.err()).contains("WEBHOOKS_ADMIN_KEY", "nothing was reset");
            assertThat(reset.out()).doesNotContain("sc_admin_");
            assertThat(createAccountStatus(api, key)).isEqualTo(201);
        }
    }

    @Test
    void accountsAndKeysAreCreatedThroughTheRunningService() {
        try (ServiceStart service = startService()) {
            String url = "http://127.0.0.1:" + service.port();
            Map<String, String> env = Map.of("WEBHOOKS_ADMIN_KEY", service.bannerAdminKey());

            Result account = cli(env, List.of("accounts", "create", "--name", "Acme Ltd", "--service", url));
            assertThat(account.code()).as(account.err()).isZero();
            Matcher created = Pattern.compile("Account (acct_\\w+) \\(Acme Ltd\\) created\\.\\R.*(sc_live_\\w+)")
                    .matcher(account.out());
            assertThat(created.find()).as(account.out()).isTrue();
            String accountId = created.group(1);
            assertThat(ApiClient.onPort(service.port())
                            .get("/api/v1/webhooks/endpoints", created.group(2))
                            .status())
                    .isEqualTo(200);

            Result key = cli(
                    env,
                    List.of(
                            "keys",
                            "create",
                            "--account",
                            accountId,
                            "--name",
                            "CI",
                            "--scope",
                            "read_only",
                            "--mode",
                            "test",
                            "--service",
                            url,
                            "--json"));
            assertThat(key.code()).as(key.err()).isZero();
            assertThat(key.out())
                    .contains(
                            "\"account_id\":\"" + accountId + "\"",
                            "\"scope\":\"read_only\"",
                            "\"api_key\":\"sc_test_");

            Result wrongKey = cli(
                    Map.of(),
                    List.of("accounts", "create", "--name", "X", "--service", url, "--admin-key", "sc_admin_wrong"));
            assertThat(wrongKey.code()).isEqualTo(1);
            assertThat(wrongKey.err()).contains("401", "admin key").doesNotContain("sc_admin_wrong");
        }
    }
}
