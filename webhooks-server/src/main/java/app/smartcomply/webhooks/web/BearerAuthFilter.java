package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Authenticator;
import app.smartcomply.webhooks.account.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api/} request must carry {@code Authorization: Bearer <key>}; this filter turns
 * the key into a {@link Caller} for the controllers, or answers 401 itself. Which caller may do
 * what is decided per operation by the parameter type it asks for ({@link CallerArguments}), except
 * for the scope of a key: a read-only key is refused here, with 403 {@code insufficient_scope},
 * on anything but GET, HEAD and OPTIONS.
 */
class BearerAuthFilter extends OncePerRequestFilter {

    static final String CALLER_ATTRIBUTE = BearerAuthFilter.class.getName() + ".caller";

    private final Authenticator authenticator;
    private final ProblemWriter problems;

    BearerAuthFilter(Authenticator authenticator, ProblemWriter problems) {
        this.authenticator = authenticator;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null
                && java.util.Collections.list(request.getHeaders("Authorization"))
                                .size()
                        > 1) {
            // Which one would count is a guess a proxy and this service could make differently.
            problems.write(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "invalid_authorization",
                    "Authorization",
                    "Send exactly one Authorization header.");
            return;
        }
        if (header == null || header.isBlank()) {
            problems.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "authentication_required",
                    "Authorization",
                    "Send your API key as 'Authorization: Bearer sc_live_...'.");
            return;
        }
        Authenticator.Outcome outcome = bearerToken(header)
                .map(authenticator::check)
                .orElse(new Authenticator.Outcome(null, Authenticator.Refusal.UNKNOWN));
        if (outcome.caller() == null) {
            // Never echo the key back: it may be a real key pasted in the wrong place.
            switch (outcome.refusal()) {
                case REVOKED ->
                    problems.write(
                            request,
                            response,
                            HttpStatus.UNAUTHORIZED,
                            "api_key_revoked",
                            "Authorization",
                            "This API key was revoked. Use another of the account's keys.");
                case EXPIRED ->
                    problems.write(
                            request,
                            response,
                            HttpStatus.UNAUTHORIZED,
                            "api_key_expired",
                            "Authorization",
                            "This API key was rolled and its grace period is over. Use the key that replaced it.");
                default ->
                    problems.write(
                            request,
                            response,
                            HttpStatus.UNAUTHORIZED,
                            "invalid_api_key",
                            "Authorization",
                            "The API key is not valid. Check that it is complete and has not been revoked.");
            }
            return;
        }
        // One rule for every route, present and future: a read-only key reads and nothing else.
        if (outcome.caller() instanceof Caller.Customer customer
                && !customer.mayWrite()
                && !isRead(request.getMethod())) {
            problems.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "insufficient_scope",
                    "Authorization",
                    "This API key is read-only. Use a key with scope 'full' to make changes.");
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, outcome.caller());
        chain.doFilter(request, response);
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    private static Optional<String> bearerToken(String header) {
        // strip(), not trim(): trim() also drops control characters, so "key<NUL>" would pass as the key.
        String trimmed = header.strip();
        if (trimmed.length() > 7 && trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(trimmed.substring(7).strip());
        }
        return Optional.empty();
    }
}
