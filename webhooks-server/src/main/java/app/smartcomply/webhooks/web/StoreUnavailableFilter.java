package app.smartcomply.webhooks.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database can also fail before Spring MVC sees a request — while {@link BearerAuthFilter}
 * looks up a customer's API key — where {@link ApiExceptionHandler} cannot catch it and the
 * container would answer 500. This outermost filter gives those the same answer as the handler:
 * 503 {@code service_unavailable} with {@code Retry-After}, so clients retry instead of giving up.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class StoreUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(StoreUnavailableFilter.class);

    private final ProblemWriter problems;

    StoreUnavailableFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (DataAccessResourceFailureException
                | TransientDataAccessException
                | CannotCreateTransactionException
                | TransactionSystemException e) {
            if (response.isCommitted()) {
                throw e;
            }
            log.warn("Store unavailable: {}", e.getMessage());
            response.reset();
            response.setHeader("Retry-After", "5");
            problems.write(
                    request,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "service_unavailable",
                    null,
                    "The service cannot reach its database right now. Nothing was changed; retry shortly.");
        }
    }
}
