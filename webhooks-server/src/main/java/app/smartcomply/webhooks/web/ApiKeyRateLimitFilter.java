package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.limits.RateLimiter;
import app.smartcomply.webhooks.limits.RateLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests per API key ({@code webhooks.limits.api-key}, and {@code webhooks.limits.admin-key} for
 * the admin key): over the rate, 429 {@code rate_limited} with {@code Retry-After}. Each account
 * key has its own bucket, so one busy key never slows another. Runs after {@link BearerAuthFilter},
 * on the caller it found.
 */
class ApiKeyRateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final TooManyRequests tooMany;

    ApiKeyRateLimitFilter(RateLimits limits, TooManyRequests tooMany) {
        this.limits = limits;
        this.tooMany = tooMany;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object caller = request.getAttribute(BearerAuthFilter.CALLER_ATTRIBUTE);
        RateLimiter limiter;
        String key;
        if (caller instanceof Caller.Customer customer) {
            limiter = limits.apiKeys();
            key = customer.keyId();
        } else if (caller instanceof Caller.Platform) {
            limiter = limits.adminKey();
            key = "admin";
        } else {
            chain.doFilter(request, response);
            return;
        }
        RateLimiter.Verdict verdict = limiter.tryAcquire(key);
        if (!verdict.allowed()) {
            tooMany.write(
                    request,
                    response,
                    verdict.retryAfter(),
                    "Too many requests with this API key (at most "
                            + limiter.rate().describe() + ", in bursts of "
                            + limiter.rate().burst() + ").");
            return;
        }
        chain.doFilter(request, response);
    }
}
