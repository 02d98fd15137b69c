package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.tracing.Tracing;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Enumeration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the common publish — {@code POST /api/v1/events} with a JSON object from an
 * authenticated caller — by calling {@link EventController#publish} straight from the filter
 * chain, without Spring MVC's dispatch: handler lookup, argument resolution, body advice, content
 * negotiation and return-value handling were about a third of the service's CPU per published
 * event, more than the publish itself (docs/decisions/019-direct-publish-route.md).
 *
 * <p>The contract is the controller's: the same method runs, with the same arguments, and an
 * exception it throws gets the answer {@link ApiExceptionHandler} gives it. Whatever is not the
 * common case — a query string, another content type or {@code Accept}, a header given twice, a
 * body that is not strict UTF-8 or not a JSON object, no caller — goes on to Spring MVC untouched
 * (the body, if read, replayed as read), so every refusal of an odd request is still written by
 * the one place that writes it. The filters before this one (authentication, rate limits, body
 * size, store availability) run as for any request; Micrometer's observation of the request
 * does not ({@link WebConfiguration#noRequestObservationOfPublishes}).
 */
final class DirectPublishFilter extends OncePerRequestFilter {

    static final String PATH = "/api/v1/events";

    private final EventController controller;
    private final ApiExceptionHandler errors;
    private final ProblemWriter problems;
    private final JsonMapper json;

    DirectPublishFilter(
            EventController controller, ApiExceptionHandler errors, ProblemWriter problems, JsonMapper json) {
        this.controller = controller;
        this.errors = errors;
        this.problems = problems;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request.getAttribute(BearerAuthFilter.CALLER_ATTRIBUTE) instanceof Caller caller)
                || !commonRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = readBody(request);
        } catch (BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            tooLarge.limit().refuse(problems, request, response);
            return;
        }
        JsonNode parsed = StrictUtf8BodyAdvice.isStrictUtf8(body) ? objectOrNull(body) : null;
        if (parsed == null) {
            chain.doFilter(new ReplayedBody(request, body), response);
            return;
        }
        ResponseEntity<byte[]> answer;
        try {
            answer = controller.publish(
                    caller,
                    new AuditContext(
                            AuditContextArguments.actorOf(caller),
                            request.getRemoteAddr(),
                            request.getHeader("User-Agent")),
                    request.getHeader("Idempotency-Key"),
                    request.getHeader(Tracing.TRACEPARENT),
                    parsed);
        } catch (RuntimeException e) {
            ResponseEntity<ProblemDetail> problem = errors.answerFor(e);
            problems.write(request, response, problem);
            return;
        }
        write(answer, response);
    }

    /** Whether the request is a publish, common or not: the route's method and exact path. */
    static boolean isPublish(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && PATH.equals(request.getRequestURI());
    }

    /**
     * The request Spring MVC would route to {@link EventController#publish} and answer without a
     * refusal of its own: exact path, no query, a JSON body in UTF-8, JSON (or anything) accepted,
     * each header the method reads given at most once.
     */
    private static boolean commonRequest(HttpServletRequest request) {
        return isPublish(request)
                && request.getQueryString() == null
                && jsonContentType(request.getContentType())
                && acceptsJson(request.getHeader(HttpHeaders.ACCEPT))
                && atMostOnce(request.getHeaders("Idempotency-Key"))
                && atMostOnce(request.getHeaders(Tracing.TRACEPARENT))
                && atMostOnce(request.getHeaders(HttpHeaders.ACCEPT));
    }

    private static boolean jsonContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.strip().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json")
                || type.equals("application/json;charset=utf-8")
                || type.equals("application/json; charset=utf-8");
    }

    private static boolean acceptsJson(String accept) {
        return accept == null
                || accept.equals("*/*")
                || accept.equalsIgnoreCase("application/json")
                || accept.equalsIgnoreCase("application/json, */*");
    }

    private static boolean atMostOnce(Enumeration<String> values) {
        if (values == null || !values.hasMoreElements()) {
            return true;
        }
        values.nextElement();
        return !values.hasMoreElements();
    }

    /**
     * The whole body. With a declared length (the limit filter has refused one over its limit) it
     * is read into an array of that size: {@code readAllBytes} would fill and copy 16 KiB buffers
     * for a body of a few hundred bytes, most of this route's allocation.
     */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length < 0 || length > BodySizeLimitFilter.MAX_BODY_BYTES) {
            return request.getInputStream().readAllBytes();
        }
        return request.getInputStream().readNBytes((int) length);
    }

    /** The body as a JSON object, parsed as Spring MVC would (duplicate keys refused); else null. */
    private JsonNode objectOrNull(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void write(ResponseEntity<byte[]> answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        byte[] body = answer.getBody();
        if (body != null) {
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** The request with its body, already read, readable again from the start. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(
                    new java.io.InputStreamReader(getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
