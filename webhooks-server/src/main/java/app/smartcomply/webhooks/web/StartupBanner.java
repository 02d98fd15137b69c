package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.AdminKey;
import app.smartcomply.webhooks.store.Dialect;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the operator, once the service is up, where everything is — and, on the very first start
 * without {@code WEBHOOKS_ADMIN_KEY}, the generated admin key, which is never shown again.
 * Printed to standard output rather than the log so the key does not end up in log shipping.
 */
@Component
class StartupBanner {

  private final AdminKey adminKey;
  private final Dialect dialect;
  private final boolean devMode;

  StartupBanner(AdminKey adminKey, Dialect dialect, @Value("${webhooks.dev-mode:false}") boolean devMode) {
    this.adminKey = adminKey;
    this.dialect = dialect;
    this.devMode = devMode;
  }

  @EventListener
  void on(ApplicationReadyEvent ready) {
    int port = ready.getApplicationContext() instanceof WebServerApplicationContext web
        ? web.getWebServer().getPort()
        : 8080;
    String base = "http://localhost:" + port;
    StringBuilder out = new StringBuilder("\n");
    out.append("  SmartComply Webhooks is running (store: ").append(dialect.name()).append(")\n");
    out.append("  Dashboard:  ").append(base).append("/dashboard\n");
    out.append("  API:        ").append(base).append("/api/v1\n");
    out.append("  API docs:   ").append(base).append("/swagger-ui.html\n");
    out.append("  Health:     ").append(base).append("/actuator/health\n");
    adminKey.takeGeneratedKey().ifPresent(key -> out
        .append("\n  Admin key (generated on first start; shown only this once — save it):\n")
        .append("    ").append(key).append("\n"));
    if (devMode) {
      out.append("\n  DEV MODE: plain http:// and local/private endpoint addresses are allowed.\n")
          .append("  Never run a production service like this.\n");
    }
    System.out.println(out);
  }
}
