package app.smartcomply.webhooks.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 {@code invalid_query_string}, a request whose query string or form Tomcat cannot
 * read: bytes that are not UTF-8 (an overlong {@code %C0%AF}, an encoded surrogate) or more
 * parameters than Tomcat's limit — or, with 413 {@code request_too_large}, a form over its size limit. Tomcat throws on the first read of any parameter, which would
 * otherwise surface wherever that read happens — as a 500 from a dashboard page, with the
 * undecodable value (possibly a key typed into the sign-in form) quoted in the log. Reading them
 * here, before anything else, turns that into one answer that quotes nothing.
 */
class UnreadableParametersFilter extends OncePerRequestFilter {

    static final String DETAIL = "The query string or form could not be read: check its percent-encoding (UTF-8)"
            + " and the number of parameters (1,000 at most).";

    static final String TOO_LARGE = "The form is larger than the service accepts.";

    private final ProblemWriter problems;

    UnreadableParametersFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    /**
     * The dashboard answers for its own pages: a person gets an HTML page saying what went wrong
     * (its advice handles the same exception), not a problem document.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && (path.equals("/dashboard") || path.startsWith("/dashboard/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (InvalidParameterException unreadable) {
            // Tomcat says which: 413 for a form over its size limit, 400 for anything else.
            if (unreadable.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
                problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "request_too_large", null, TOO_LARGE);
            } else {
                problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid_query_string", null, DETAIL);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
