package app.smartcomply.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * The endpoint page's "Verify deliveries" card: Node, Python and Java receivers with the header
 * names the service really sends and the endpoint's own route, naming only what our libraries
 * really export, and never the secret itself.
 */
class VerificationSnippetsPageTest extends WebhooksAppTest {

    private static final String HOME = "/dashboard/settings/webhooks";

    @Test
    void theEndpointPageShowsASnippetPerEcosystemWithTheRealHeadersAndRoute() {
        TestAccount account = TestAccount.create(api(), "Snippets Co");
        Answer endpoint = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/hooks/smartcomply-in", "*");
        String secret = endpoint.text("signing_secret");
        String session = DashboardClient.onPort(port).session(account.apiKey());

        HttpResponse<String> page = DashboardClient.onPort(port).get(HOME + "/" + endpoint.text("id"), session);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html)
                .contains("id=\"verify-snippets\"", "Verify deliveries")
                .contains("whsec_…" + secret.substring(secret.length() - 4))
                .doesNotContain(secret);

        for (String ecosystem : List.of("node", "python", "java")) {
            String code = snippet(html, ecosystem);
            assertThat(code)
                    .as(ecosystem)
                    .contains(
                            "X-SmartComply-Signature",
                            "X-SmartComply-Event-Id",
                            "\"/hooks/smartcomply-in\"".replace('"', ecosystem.equals("node") ? '\'' : '"'))
                    .contains("SMARTCOMPLY_WEBHOOK_SECRET");
        }
    }

    @Test
    void theSnippetsNameOnlyWhatTheLibrariesExport() throws IOException {
        TestAccount account = TestAccount.create(api(), "Snippet Names Co");
        Answer endpoint = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/webhooks/smartcomply", "*");
        String html = DashboardClient.onPort(port)
                .get(
                        HOME + "/" + endpoint.text("id"),
                        DashboardClient.onPort(port).session(account.apiKey()))
                .body();

        Path clients = Files.isDirectory(Path.of("../clients")) ? Path.of("../clients") : Path.of("clients");
        String node = snippet(html, "node");
        assertThat(node)
                .contains("from '" + jsonField(Files.readString(clients.resolve("node/package.json")), "name") + "'");
        String nodeLibrary = Files.readString(clients.resolve("node/src/index.js"));
        for (String name : imported(node, "import \\{([^}]*)\\} from '@")) {
            assertThat(nodeLibrary).as("clients/node exports " + name).contains("export function " + name + "(");
        }
        String python = snippet(html, "python");
        String pythonLibrary = Files.readString(clients.resolve("python/src/smartcomply_webhooks/__init__.py"));
        for (String name : imported(python, "from smartcomply_webhooks import ([^\\n]*)")) {
            assertThat(pythonLibrary).as("smartcomply_webhooks exports " + name).contains("\"" + name + "\"");
        }
        String java = snippet(html, "java");
        assertThat(java)
                .contains("new SmartComplyWebhookFilter(", "WebhookVerifier.withSecret(", "SigningSecret.parse(");
        assertThat(Path.of(
                        clients.toString(),
                        "..",
                        "webhooks-signature-spring",
                        "src",
                        "main",
                        "java",
                        "app",
                        "smartcomply",
                        "webhooks",
                        "signature",
                        "spring",
                        "SmartComplyWebhookFilter.java"))
                .isRegularFile();
    }

    @Test
    void aRouteThatIsNotPlainFallsBackToTheDefault() {
        assertThat(VerificationSnippets.routeOf("https://example.com/in/hook")).isEqualTo("/in/hook");
        assertThat(VerificationSnippets.routeOf("https://example.com")).isEqualTo(VerificationSnippets.DEFAULT_ROUTE);
        assertThat(VerificationSnippets.routeOf("https://example.com/")).isEqualTo(VerificationSnippets.DEFAULT_ROUTE);
        assertThat(VerificationSnippets.routeOf("https://example.com/a'b%22c\""))
                .isEqualTo(VerificationSnippets.DEFAULT_ROUTE);
    }

    /** The code of one snippet, as a person copying it gets it (HTML entities decoded). */
    private static String snippet(String html, String ecosystem) {
        Matcher m = Pattern.compile("id=\"verify-" + ecosystem + "\".*?<code>(.*?)</code>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("snippet " + ecosystem + " on the page").isTrue();
        return HtmlUtils.htmlUnescape(m.group(1));
    }

    private static List<String> imported(String code, String regex) {
        Matcher m = Pattern.compile(regex).matcher(code);
        assertThat(m.find()).as("an import in:\n" + code).isTrue();
        return List.of(m.group(1).split(",")).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String jsonField(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
