package app.smartcomply.webhooks.dashboard;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The browser side of dashboard sessions: one cookie holding the session token. HttpOnly (no
 * script reads it), SameSite=Lax (other sites cannot make the browser send it with their forms),
 * scoped to {@code /dashboard} (the API never sees it), Secure whenever the request came over
 * HTTPS — to this node, or to a proxy listed in {@code webhooks.trusted-proxies} that says so
 * (web/TrustedProxies sets {@link HttpServletRequest#isSecure()} for those).
 */
final class SessionCookie {

    static final String SESSION = "sc_dashboard";
    /** Short-lived companion of the sign-in form, so another site cannot sign you in as someone else. */
    static final String SIGN_IN = "sc_dashboard_signin";

    /**
     * A live session's choice to see test data ({@code test}); absent for live data. Not a secret:
     * it only chooses between two worlds the session may see anyway.
     */
    static final String VIEW = "sc_dashboard_view";

    private static final String PATH = "/dashboard";

    private SessionCookie() {}

    static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    static void write(
            HttpServletRequest request, HttpServletResponse response, String name, String value, Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(name, value)
                .path(PATH)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .maxAge(maxAge)
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    static void clear(HttpServletRequest request, HttpServletResponse response, String name) {
        write(request, response, name, "", Duration.ZERO);
    }
}
