package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.limits.ClientAddress;
import app.smartcomply.webhooks.limits.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down guessing of API keys: every API request answered 401 counts against its client
 * address ({@code webhooks.limits.failed-authentications}), and an address that used up its
 * allowance is answered 429 {@code rate_limited} before its key is even looked at — a right key
 * included, so a guess cannot be confirmed while the address waits. Runs before {@link
 * BearerAuthFilter}.
 */
class FailedAuthenticationFilter extends OncePerRequestFilter {

    private final RateLimiter failures;
    private final TooManyRequests tooMany;

    FailedAuthenticationFilter(RateLimiter failures, TooManyRequests tooMany) {
        this.failures = failures;
        this.tooMany = tooMany;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = ClientAddress.key(request.getRemoteAddr());
        Optional<Duration> wait = failures.refusing(client);
        if (wait.isPresent()) {
            tooMany.write(
                    request,
                    response,
                    wait.get(),
                    "Too many requests with a missing or invalid API key from this address (at most "
                            + failures.rate().describe() + ").");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failures.spend(client);
        }
    }
}
