package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.account.SessionTokens;
import app.smartcomply.webhooks.account.SignInLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in with an account API key, and out again. The site root leads here too: the dashboard
 * is what a person opening the service's address wants.
 */
@Controller
class SignInController {

    static final String HOME = "/dashboard/settings/webhooks";

    /** Where sign-in may send the browser afterwards: a dashboard path on this site, nothing else. */
    private static final Pattern SAFE_NEXT =
            Pattern.compile("/dashboard(/[A-Za-z0-9_\\-/]*)?(\\?[A-Za-z0-9_\\-.=&%+*]*)?");

    private static final Duration SIGN_IN_FORM_LIFETIME = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionTokens sessions;
    private final SignInLinks links;
    private final SignInLimits limits;

    SignInController(SessionTokens sessions, SignInLinks links, SignInLimits limits) {
        this.sessions = sessions;
        this.links = links;
        this.limits = limits;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/dashboard";
    }

    @GetMapping({"/dashboard", "/dashboard/"})
    String dashboard() {
        return "redirect:" + HOME;
    }

    @PublicPage
    @GetMapping("/dashboard/sign-in")
    String signInPage(
            @RequestParam(required = false) String next,
            @RequestParam(required = false) String notice,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (SessionCookie.read(request, SessionCookie.SESSION)
                .flatMap(sessions::verify)
                .isPresent()) {
            return "redirect:" + safeNext(next);
        }
        return form(request, response, model, next, Notice.of(notice, null).orElse(null), null);
    }

    @PublicPage
    @PostMapping("/dashboard/sign-in")
    String signIn(
            @RequestParam(name = "api_key", required = false) String apiKey,
            @RequestParam(name = "form_token", required = false) String formToken,
            @RequestParam(required = false) String next,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<String> expected = SessionCookie.read(request, SessionCookie.SIGN_IN);
        if (expected.isEmpty()
                || formToken == null
                || !MessageDigest.isEqual(
                        expected.get().getBytes(StandardCharsets.UTF_8), formToken.getBytes(StandardCharsets.UTF_8))) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return form(
                    request,
                    response,
                    model,
                    next,
                    new Notice("error", "The sign-in form expired. Please enter your key again."),
                    null);
        }
        if (apiKey == null || apiKey.isBlank()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(request, response, model, next, null, "Enter your API key.");
        }
        Optional<Duration> wait = limits.refusing(request.getRemoteAddr(), apiKey);
        if (wait.isPresent()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.get().toSeconds()));
            return form(
                    request,
                    response,
                    model,
                    next,
                    null,
                    "Too many failed sign-ins (at most " + limits.describe()
                            + " from one address or for one key). Try again in "
                            + wait.get().toSeconds() + " seconds.");
        }
        Optional<SessionTokens.Issued> issued = sessions.signIn(apiKey);
        if (issued.isEmpty()) {
            limits.failed(request.getRemoteAddr(), apiKey);
            // The key is never echoed back, not even into the field: it may be a real key of the wrong kind.
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return form(
                    request,
                    response,
                    model,
                    next,
                    null,
                    "This key is not valid. Use an account key (sc_live_… or sc_test_…) that has not been revoked.");
        }
        // Whatever session this browser had ends: each sign-in starts a new one.
        SessionCookie.read(request, SessionCookie.SESSION).ifPresent(sessions::signOut);
        SessionCookie.clear(request, response, SessionCookie.SIGN_IN);
        SessionCookie.write(
                request, response, SessionCookie.SESSION, issued.get().token(), sessions.lifetime());
        return "redirect:" + safeNext(next);
    }

    /**
     * A one-time link from the platform: the first opening within five minutes signs in; any other
     * lands on the sign-in form saying why not. A session this browser had ends either way it works.
     */
    @PublicPage
    @GetMapping("/dashboard/sign-in/{token}")
    String signInWithLink(
            @PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        SignInLinks.Redemption redemption = links.redeem(token);
        Notice refused = switch (redemption.outcome()) {
            case SIGNED_IN -> null;
            case ALREADY_USED ->
                new Notice(
                        "error",
                        "This sign-in link was already used. Links work once: open the dashboard from the platform again.");
            case EXPIRED ->
                new Notice(
                        "error",
                        "This sign-in link has expired (links work for 5 minutes). Open the dashboard from the platform again.");
            case UNKNOWN ->
                new Notice("error", "This sign-in link is not valid. Open the dashboard from the platform again.");
        };
        if (refused != null) {
            response.setStatus(
                    redemption.outcome() == SignInLinks.Outcome.UNKNOWN
                            ? HttpServletResponse.SC_NOT_FOUND
                            : HttpServletResponse.SC_GONE);
            return form(request, response, model, null, refused, null);
        }
        SessionCookie.read(request, SessionCookie.SESSION).ifPresent(sessions::signOut);
        SessionCookie.write(
                request, response, SessionCookie.SESSION, redemption.issued().token(), sessions.lifetime());
        return "redirect:" + HOME;
    }

    @PostMapping("/dashboard/sign-out")
    String signOut(Viewer viewer, HttpServletRequest request, HttpServletResponse response) {
        // Ended on the server, not only forgotten by this browser: a copy of the cookie opens nothing.
        SessionCookie.read(request, SessionCookie.SESSION).ifPresent(sessions::signOut);
        SessionCookie.clear(request, response, SessionCookie.SESSION);
        return "redirect:/dashboard/sign-in?notice=signed_out";
    }

    private String form(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            String next,
            Notice notice,
            String keyError) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String formToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        SessionCookie.write(request, response, SessionCookie.SIGN_IN, formToken, SIGN_IN_FORM_LIFETIME);
        model.addAttribute("formToken", formToken);
        model.addAttribute("next", next != null && SAFE_NEXT.matcher(next).matches() ? next : null);
        model.addAttribute("notice", notice);
        model.addAttribute("keyError", keyError);
        return "dashboard/sign-in";
    }

    private static String safeNext(String next) {
        return next != null && SAFE_NEXT.matcher(next).matches() && !next.startsWith("/dashboard/sign-") ? next : HOME;
    }
}
