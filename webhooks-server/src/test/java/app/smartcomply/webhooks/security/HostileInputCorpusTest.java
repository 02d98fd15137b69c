package app.smartcomply.webhooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.security.HostileCase.Expect;
import app.smartcomply.webhooks.security.HostileCase.Surface;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.ProblemAssertions;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import app.smartcomply.webhooks.testkit.WithoutRateLimits;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile-input corpus ({@link ApiCorpus}, {@link DashboardCorpus}) against the whole
 * service over raw sockets. For every case: never a 5xx; an API 4xx is a problem with a code; a
 * case that must be refused is (for a dashboard form: a 4xx, or the form again with an error);
 * no secret of the test (its API key, the admin key, an endpoint's signing secret) anywhere in
 * the answer; no evaluated expression, no unescaped script, no injected header; and answers are
 * not cacheable. After the whole corpus the service is healthy and still delivers.
 *
 * <p>Every violation is tagged ([5xx], [not-problem], ...) so failures can be grouped by cause.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithoutRateLimits
class HostileInputCorpusTest extends WebhooksAppTest {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private TestReceiver receiver;
    private TestAccount account;
    private String signingSecret;
    private String sessionCookie;

    static Stream<HostileCase> corpus() {
        return Stream.concat(ApiCorpus.cases().stream(), DashboardCorpus.cases().stream());
    }

    @BeforeAll
    void twoAccountsWithEndpointsEventsAndDeliveries() throws IOException {
        receiver = TestReceiver.start();
        account = TestAccount.create(api(), "Corpus");
        TestAccount other = TestAccount.create(api(), "Other");
        ApiClient.Answer endpoint = api().createEndpoint(account.apiKey(), receiver.url("/corpus"), "*");
        signingSecret = endpoint.text("signing_secret");
        String otherEndpoint = api().createEndpoint(other.apiKey(), receiver.url("/other"), "*")
                .text("id");
        String dashEndpoint = api().createEndpoint(account.apiKey(), receiver.url("/dashboard-target"), "*")
                .text("id");
        String event = api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1))
                .text("id");
        String otherEvent = api().publish(ADMIN_KEY, other.id(), "test.submitted", EventExamples.testSubmitted(2))
                .text("id");
        placeholders.put("{endpoint}", endpoint.text("id"));
        placeholders.put("{otherEndpoint}", otherEndpoint);
        placeholders.put("{dashEndpoint}", dashEndpoint);
        placeholders.put("{event}", event);
        placeholders.put("{otherEvent}", otherEvent);
        placeholders.put("{delivery}", firstDelivery(account.apiKey()));
        placeholders.put("{otherDelivery}", firstDelivery(other.apiKey()));
        placeholders.put("{account}", account.id());
        placeholders.put("{otherAccount}", other.id());
        placeholders.put("{receiverEncoded}", URLEncoder.encode(receiver.url("/form"), StandardCharsets.UTF_8));
        placeholders.put("{receiver}", receiver.url("/api"));
        placeholders.put("{apiKey}", account.apiKey());
        placeholders.put("{adminKey}", ADMIN_KEY);
        sessionCookie = signIn();
        RawHttp.Answer home =
                send("GET " + DashboardCorpus.HOME + " HTTP/1.1\r\nCookie: " + sessionCookie + "\r\n", null);
        placeholders.put("{csrf}", find(CSRF_TOKEN, home.bodyText()));
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    @Order(1)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void hostileInputIsRefusedCleanly(HostileCase hostile) throws IOException {
        StringBuilder head = new StringBuilder(hostile.method())
                .append(' ')
                .append(fill(hostile.target()))
                .append(" HTTP/1.1\r\n");
        switch (hostile.auth()) {
            case CUSTOMER ->
                head.append("Authorization: Bearer ").append(account.apiKey()).append("\r\n");
            case ADMIN ->
                head.append("Authorization: Bearer ").append(ADMIN_KEY).append("\r\n");
            case SESSION -> head.append("Cookie: ").append(sessionCookie).append("\r\n");
            case SIGN_IN_FORM ->
                head.append("Cookie: ").append(freshSignInForm()).append("\r\n");
            case NONE -> {}
        }
        for (String header : hostile.headers()) {
            head.append(fill(header)).append("\r\n");
        }
        byte[] body = hostile.body() == null ? null : RawHttp.bytes(fill(hostile.body()));
        RawHttp.Answer answer = RawHttp.exchange(port, head.toString(), body);

        List<String> violations = violations(hostile, answer);
        assertThat(violations)
                .as(
                        "%s%n-> HTTP %d %s%n%s",
                        hostile, answer.status(), answer.header("content-type"), shorten(answer.bodyText()))
                .isEmpty();
    }

    @Order(2)
    @Test
    void afterTheCorpusTheServiceIsHealthyAndStillDelivers() throws Exception {
        ApiClient.Answer health = api().get("/actuator/health", null);
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");

        try (TestReceiver fresh = TestReceiver.start()) {
            ApiClient.Answer created = api().createEndpoint(account.apiKey(), fresh.url("/after"), "test.submitted");
            String eventId = api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(42))
                    .text("id");

            TestReceiver.Received delivered =
                    fresh.awaitCount(1, Duration.ofSeconds(30)).getFirst();
            assertThat(delivered.bodyText()).contains(eventId);
            WebhookVerifier.withSecret(SigningSecret.parse(created.text("signing_secret")))
                    .withClock(java.time.Clock.systemUTC())
                    .withTolerance(Duration.ofDays(3650))
                    .verify(delivered.header(WebhookSigner.SIGNATURE_HEADER), delivered.body());
        }
    }

    /** Every rule the answer breaks, each tagged with its cause. */
    private List<String> violations(HostileCase hostile, RawHttp.Answer answer) {
        List<String> broken = new ArrayList<>();
        int status = answer.status();
        String body = answer.bodyText();
        if (status >= 500) {
            broken.add("[5xx] answered " + status);
        }
        if (hostile.surface() == Surface.API && status >= 400 && status < 500) {
            try {
                ProblemAssertions.assertClientProblem(asApiAnswer(answer));
            } catch (AssertionError | RuntimeException notAProblem) {
                broken.add("[not-problem] a 4xx that is not a problem with a code: "
                        + firstLine(notAProblem.getMessage()));
            }
        }
        if (hostile.expect() == Expect.REFUSED && !refused(hostile.surface(), answer)) {
            broken.add("[accepted] must be refused but answered " + status);
        }
        for (String secret : List.of(account.apiKey(), ADMIN_KEY, signingSecret)) {
            if (answer.everything().contains(secret)) {
                broken.add("[secret-echoed] the answer contains " + secret.substring(0, 8) + "…");
            }
        }
        if (body.contains(HostileStrings.EVALUATED)) {
            broken.add("[evaluated] an injected expression was evaluated (" + HostileStrings.EVALUATED
                    + " in the answer)");
        }
        String contentType = answer.header("content-type");
        boolean html = contentType != null && contentType.startsWith("text/html");
        for (String script : HostileStrings.UNESCAPED_HTML) {
            if (html && body.contains(script)) {
                broken.add("[unescaped] " + script + " came back unescaped");
            }
        }
        if (answer.header("x-injected") != null) {
            broken.add("[header-injection] the answer has an injected header");
        }
        String location = answer.header("location");
        if (location != null && location.toLowerCase(Locale.ROOT).contains("evil")) {
            broken.add("[open-redirect] Location: " + location);
        }
        String target = hostile.target();
        boolean ours = target.startsWith("/api/") || target.startsWith("/dashboard") || status >= 400;
        String cacheControl = answer.header("cache-control");
        if (ours && (cacheControl == null || !cacheControl.contains("no-store"))) {
            broken.add("[cacheable] Cache-Control: " + cacheControl);
        }
        return broken;
    }

    /** A 4xx; on a dashboard form also the form shown again with its error. */
    private static boolean refused(Surface surface, RawHttp.Answer answer) {
        if (answer.status() >= 400 && answer.status() < 500) {
            return true;
        }
        String body = answer.bodyText();
        return surface == Surface.DASHBOARD
                && answer.status() == 200
                && (body.contains("role=\"alert\"") || body.contains("class=\"field-error\""));
    }

    private static ApiClient.Answer asApiAnswer(RawHttp.Answer answer) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.headers()
                .forEach(h ->
                        headers.computeIfAbsent(h[0], k -> new ArrayList<>()).add(h[1]));
        tools.jackson.databind.JsonNode json;
        try {
            json = answer.body().length == 0 ? null : JSON.readTree(answer.bodyText());
        } catch (RuntimeException notJson) {
            json = null;
        }
        return new ApiClient.Answer(answer.status(), headers, answer.bodyText(), json);
    }

    private String fill(String text) {
        String filled = text;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            filled = filled.replace(placeholder.getKey(), placeholder.getValue());
        }
        return filled;
    }

    /** Fetches the sign-in form: its cookie, and its token as {@code {formToken}}. */
    private String freshSignInForm() throws IOException {
        RawHttp.Answer form = send("GET /dashboard/sign-in HTTP/1.1\r\n", null);
        placeholders.put("{formToken}", find(FORM_TOKEN, form.bodyText()));
        return cookie(form, "sc_dashboard_signin");
    }

    /** Signs in through the form with the account's key, as a person would; returns the cookie. */
    private String signIn() throws IOException {
        String formCookie = freshSignInForm();
        String fields = "form_token=" + placeholders.get("{formToken}") + "&api_key=" + account.apiKey();
        RawHttp.Answer signedIn = send(
                "POST /dashboard/sign-in HTTP/1.1\r\nCookie: " + formCookie + "\r\n" + HostileCase.FORM + "\r\n",
                fields.getBytes(StandardCharsets.UTF_8));
        assertThat(signedIn.status()).as(signedIn.bodyText()).isBetween(300, 399);
        return cookie(signedIn, "sc_dashboard");
    }

    private RawHttp.Answer send(String head, byte[] body) throws IOException {
        return RawHttp.exchange(port, head, body);
    }

    private static String cookie(RawHttp.Answer answer, String name) {
        return answer.headers().stream()
                .filter(h -> h[0].equals("set-cookie") && h[1].startsWith(name + "="))
                .map(h -> h[1].substring(0, h[1].indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + answer.headers()));
    }

    private static String find(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in %s", pattern, shorten(html)).isTrue();
        return matcher.group(1);
    }

    private String firstDelivery(String apiKey) {
        ApiClient.Answer list = api().get(ApiCorpus.DELIVERIES + "?limit=1", apiKey);
        assertThat(list.json().get("data").size()).as(list.body()).isEqualTo(1);
        return list.json().get("data").get(0).get("id").asString();
    }

    private static String firstLine(String text) {
        return text == null
                ? ""
                : text.lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .limit(3)
                        .reduce((a, b) -> a + " " + b)
                        .orElse("");
    }

    private static String shorten(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…(" + text.length() + ")" : text;
    }
}
