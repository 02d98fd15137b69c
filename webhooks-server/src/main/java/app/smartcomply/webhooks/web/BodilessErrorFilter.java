package app.smartcomply.webhooks.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a problem body to an error that a handler answered with a status alone — the actuator's
 * 404 for a health component that does not exist, for one — so that every 4xx and 5xx of the
 * service is {@code application/problem+json} with a {@code code}. Only an answer that has not
 * been sent and has no content type is touched: anything that wrote a body has set its type.
 */
class BodilessErrorFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    BodilessErrorFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int code = response.getStatus();
        if (code < 400 || response.isCommitted() || response.getContentType() != null) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            return;
        }
        String detail = status == HttpStatus.NOT_FOUND ? ApiProblem.NO_SUCH_PATH : status.getReasonPhrase() + ".";
        response.resetBuffer();
        problems.write(request, response, status, ApiProblem.genericCode(status), null, detail);
    }
}
