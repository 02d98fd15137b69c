package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.account.Account;
import app.smartcomply.webhooks.account.AccountService;
import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.account.ApiKeyScope;
import app.smartcomply.webhooks.account.SessionTokens;
import app.smartcomply.webhooks.audit.Actor;
import app.smartcomply.webhooks.audit.AuditContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.UriUtils;

/**
 * Guards every dashboard page: sets the headers that keep pages out of caches and frames, lets
 * {@link PublicPage}s through, and otherwise requires a valid session — and, for anything that
 * changes state, the session's form token. Without a session a page redirects to sign-in (and
 * comes back afterwards); an htmx request is told to do the same with {@code HX-Redirect}.
 */
final class SignedInInterceptor implements HandlerInterceptor {

    static final String CSRF_PARAM = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SIGN_OUT = "/dashboard/sign-out";

    /**
     * Scripts, styles and images only from this origin (htmx and the stylesheet are served here),
     * no framing, forms only to this origin.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private final SessionTokens sessions;
    private final AccountService accounts;

    SignedInInterceptor(SessionTokens sessions, AccountService accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        // Pages can show a secret once; they must not linger in caches or the back-forward history.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (method.hasMethodAnnotation(PublicPage.class)) {
            return true;
        }
        Optional<Viewer> viewer = SessionCookie.read(request, SessionCookie.SESSION)
                .flatMap(sessions::verify)
                .flatMap(session -> accounts.find(session.accountId())
                        .map((Account account) -> new Viewer(
                                account.id(),
                                account.name(),
                                session.csrfToken(),
                                session.apiKeyId(),
                                session.scope() == ApiKeyScope.READ_ONLY,
                                viewedMode(session, request),
                                session.mode(),
                                session.returnUrl(),
                                auditContext(session, request))));
        if (viewer.isEmpty()) {
            sendToSignIn(request, response);
            return false;
        }
        if (!isSafe(request.getMethod()) && !carriesToken(request, viewer.get().csrfToken())) {
            throw new FormTokenMismatchException();
        }
        // A read-only key's session looks but never touches; signing out and switching between live and
        // test data are the forms it may send.
        if (!isSafe(request.getMethod())
                && viewer.get().readOnly()
                && !request.getRequestURI().equals(SIGN_OUT)
                && !request.getRequestURI().equals(ModeSwitchController.PATH)) {
            request.setAttribute(Viewer.ATTRIBUTE, viewer.get());
            throw new ReadOnlySessionException();
        }
        request.setAttribute(Viewer.ATTRIBUTE, viewer.get());
        return true;
    }

    /**
     * The data a session sees: its own mode, except that a live session whose person switched to test
     * data ({@link SessionCookie#VIEW}) sees test data. A test session ignores the cookie: no cookie
     * makes it see live data.
     */
    private static ApiKeyMode viewedMode(SessionTokens.Session session, HttpServletRequest request) {
        boolean viewingTest = SessionCookie.read(request, SessionCookie.VIEW)
                .filter("test"::equals)
                .isPresent();
        return session.mode() == ApiKeyMode.LIVE && viewingTest ? ApiKeyMode.TEST : session.mode();
    }

    /** The session as the audit log names it, with the client's address and user agent. */
    private static AuditContext auditContext(SessionTokens.Session session, HttpServletRequest request) {
        Actor actor = session.viaPlatform()
                ? Actor.dashboardSession(null, "Dashboard session opened by the platform")
                : Actor.dashboardSession(
                        session.apiKeyId(), "Dashboard session signed in with API key " + session.apiKeyId());
        return new AuditContext(actor, request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    private static void sendToSignIn(HttpServletRequest request, HttpServletResponse response) {
        String target = "/dashboard/sign-in";
        if ("GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null) {
            String next =
                    request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            target += "?next=" + UriUtils.encodeQueryParam(next, StandardCharsets.UTF_8);
        }
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", target);
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    private static boolean carriesToken(HttpServletRequest request, String expected) {
        String sent = request.getHeader(CSRF_HEADER);
        if (sent == null) {
            sent = request.getParameter(CSRF_PARAM);
        }
        return sent != null
                && MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** A state-changing request from a session opened with a read-only key. */
    static final class ReadOnlySessionException extends RuntimeException {
        ReadOnlySessionException() {
            super("read-only session", null, false, false);
        }
    }

    /** A state-changing request without this session's form token: a forged or stale form. */
    static final class FormTokenMismatchException extends RuntimeException {
        FormTokenMismatchException() {
            super("form token missing or wrong", null, false, false);
        }
    }
}
