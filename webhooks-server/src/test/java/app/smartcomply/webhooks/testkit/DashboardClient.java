package app.smartcomply.webhooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to the dashboard over plain HTTP the way a browser does (cookies, form posts, no redirects
 * followed), so tests can replay, forge and inspect cookies that a real browser would hide.
 */
public final class DashboardClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;

    private DashboardClient(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    /** A client connecting from 127.0.0.1. */
    public static DashboardClient onPort(int port) {
        return new DashboardClient(
                "http://127.0.0.1:" + port,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** A client whose connections come from another loopback address (Linux routes all of 127/8 locally). */
    public static DashboardClient onPortFrom(int port, String localAddress) {
        try {
            return new DashboardClient(
                    "http://127.0.0.1:" + port,
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .localAddress(InetAddress.getByName(localAddress))
                            .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET with the given session cookie (null for none). */
    public HttpResponse<String> get(String path, String session) {
        HttpRequest.Builder request = request(path);
        if (session != null) {
            request.header("Cookie", "sc_dashboard=" + session);
        }
        return send(request.GET());
    }

    /** A form POST with the session cookie; the fields are URL-encoded in order. */
    public HttpResponse<String> post(String path, String session, Map<String, String> fields) {
        return send(request(path)
                .header("Cookie", "sc_dashboard=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /**
     * Signs in through the form like a browser (fetch the form and its cookie, post it back).
     *
     * @param extraHeaders sent with the POST, e.g. what a proxy in front would add; a {@code Cookie}
     *     is sent beside the form's own
     * @return the POST's answer; its {@code Set-Cookie} carries the session
     */
    public HttpResponse<String> signIn(String apiKey, Map<String, String> extraHeaders) {
        HttpResponse<String> page = send(request("/dashboard/sign-in").GET());
        String formToken = cookie(page, "sc_dashboard_signin");
        String cookies = "sc_dashboard_signin=" + formToken
                + (extraHeaders.containsKey("Cookie") ? "; " + extraHeaders.get("Cookie") : "");
        HttpRequest.Builder post = request("/dashboard/sign-in")
                .header("Cookie", cookies)
                .header("Content-Type", "application/x-www-form-urlencoded");
        extraHeaders.forEach((name, value) -> {
            if (!name.equals("Cookie")) {
                post.header(name, value);
            }
        });
        return send(post.POST(
                HttpRequest.BodyPublishers.ofString(form(Map.of("api_key", apiKey, "form_token", formToken)))));
    }

    /** Signs in through the form with an extra {@code padding} field of that many characters before the key. */
    public HttpResponse<String> signInWithPadding(String apiKey, int padding) {
        HttpResponse<String> page = send(request("/dashboard/sign-in").GET());
        String formToken = cookie(page, "sc_dashboard_signin");
        return send(request("/dashboard/sign-in")
                .header("Cookie", "sc_dashboard_signin=" + formToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("padding=" + "x".repeat(padding) + "&"
                        + form(Map.of("api_key", apiKey, "form_token", formToken)))));
    }

    /** Signs in and returns the session cookie's value. */
    public String session(String apiKey) {
        HttpResponse<String> answer = signIn(apiKey, Map.of());
        String session = cookie(answer, "sc_dashboard");
        if (answer.statusCode() != 302 || session == null || session.isEmpty()) {
            throw new AssertionError("sign-in failed: HTTP " + answer.statusCode());
        }
        return session;
    }

    /** The form token a signed-in page carries. */
    public String csrf(String session) {
        Matcher matcher =
                CSRF.matcher(get("/dashboard/settings/webhooks", session).body());
        if (!matcher.find()) {
            throw new AssertionError("no form token on the page");
        }
        return matcher.group(1);
    }

    /** The value a response sets for a cookie, or null if it sets none. */
    public static String cookie(HttpResponse<?> response, String name) {
        return setCookie(response, name)
                .map(header -> {
                    String value = header.substring(name.length() + 1);
                    int end = value.indexOf(';');
                    return end < 0 ? value : value.substring(0, end);
                })
                .orElse(null);
    }

    /** The whole {@code Set-Cookie} header for a cookie, attributes included. */
    public static java.util.Optional<String> setCookie(HttpResponse<?> response, String name) {
        List<String> headers = response.headers().allValues("Set-Cookie");
        return headers.stream().filter(h -> h.startsWith(name + "=")).findFirst();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return String.join(
                "&",
                fields.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .toList());
    }
}
