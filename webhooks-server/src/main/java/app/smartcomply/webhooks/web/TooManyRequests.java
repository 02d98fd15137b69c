package app.smartcomply.webhooks.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The answer to a request over a rate limit: 429 {@code rate_limited} with {@code Retry-After}. */
@Component
class TooManyRequests {

    static final String CODE = "rate_limited";

    private final ProblemWriter problems;

    TooManyRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    /** @param retryAfter whole seconds, at least one */
    void write(HttpServletRequest request, HttpServletResponse response, Duration retryAfter, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        problems.write(
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                CODE,
                null,
                detail + " Try again in " + retryAfter.toSeconds() + " s.");
    }
}
