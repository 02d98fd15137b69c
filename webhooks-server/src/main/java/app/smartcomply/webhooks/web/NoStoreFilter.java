package app.smartcomply.webhooks.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks every answer but static files {@code Cache-Control: no-store}, before
 * anything else runs: answers there may hold a secret in full (a new API key, a signing secret)
 * or an account's data, and no browser, proxy or CDN may keep a copy. Set by path rather than by
 * controller, so routes added later are covered without remembering to. The header is set on the
 * request's first pass and survives a forward to {@code /error}; problems written outside Spring
 * MVC set it again ({@link ProblemWriter}), since Tomcat may reset the headers before reporting.
 */
class NoStoreFilter extends OncePerRequestFilter {

    static final String NO_STORE = "no-store";

    /** Paths of static files, the same for everyone: the only answers a cache may keep. */
    private static final java.util.List<String> STATIC_PREFIXES =
            java.util.List.of("/dashboard-assets/", "/swagger-ui/", "/webjars/");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && STATIC_PREFIXES.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        chain.doFilter(request, response);
    }
}
