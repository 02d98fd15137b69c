package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.AdminKey;
import app.smartcomply.webhooks.store.Dialect;
import app.smartcomply.webhooks.store.StoreProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the operator, once the service is up, where everything is (the data directory as an
 * absolute path) — and, on the very first start without {@code WEBHOOKS_ADMIN_KEY}, the generated
 * admin key, which is never shown again. Printed to standard output rather than the log so the key
 * does not end up in log shipping.
 *
 * <p>Every later start says how to get a working key: a first start that failed after storing the
 * key but before this banner (a port in use, a bad setting) showed it nowhere, and a key can be
 * lost. {@code ./webhooks admin-key reset} prints a new one; {@code WEBHOOKS_ADMIN_KEY} sets one.
 */
@Component
class StartupBanner {

    private final AdminKey adminKey;
    private final Dialect dialect;
    private final StoreProperties store;
    private final boolean devMode;

    StartupBanner(
            AdminKey adminKey,
            Dialect dialect,
            StoreProperties store,
            @Value("${webhooks.dev-mode:false}") boolean devMode) {
        this.adminKey = adminKey;
        this.dialect = dialect;
        this.store = store;
        this.devMode = devMode;
    }

    @EventListener
    void on(ApplicationReadyEvent ready) {
        int port = ready.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : 8080;
        String base = "http://localhost:" + port;
        StringBuilder out = new StringBuilder("\n");
        out.append("  SmartComply Webhooks is running (store: ")
                .append(dialect.name())
                .append(")\n");
        out.append("  Dashboard:  ").append(base).append("/dashboard\n");
        out.append("  API:        ").append(base).append("/api/v1\n");
        out.append("  API docs:   ").append(base).append("/swagger-ui.html\n");
        out.append("  Health:     ").append(base).append("/actuator/health\n");
        out.append("  Data:       ")
                .append(store.dataDir().toAbsolutePath().normalize())
                .append("\n");
        adminKeyLines(out);
        if (devMode) {
            out.append("\n  DEV MODE: plain http:// and local/private endpoint addresses are allowed.\n")
                    .append("  Never run a production service like this.\n");
        }
        System.out.println(out);
    }

    private void adminKeyLines(StringBuilder out) {
        if (adminKey.isConfigured()) {
            out.append("  Admin key:  set by WEBHOOKS_ADMIN_KEY\n");
            return;
        }
        adminKey.takeGeneratedKey()
                .ifPresentOrElse(
                        key -> out.append("\n  Admin key (generated on first start; shown only this once — save it):\n")
                                .append("    ")
                                .append(key)
                                .append("\n")
                                .append(
                                        "  Lost it later? ./webhooks admin-key reset prints a new one (this one then stops working).\n"),
                        () -> out.append(
                                        "\n  Admin key:  generated on an earlier start (or by another node) and shown there, once.\n")
                                .append(
                                        "  No working key (lost, or that start failed before showing it)? ./webhooks admin-key reset\n")
                                .append(
                                        "  prints a new one and revokes the old; or set WEBHOOKS_ADMIN_KEY to a key of your own.\n"));
    }
}
