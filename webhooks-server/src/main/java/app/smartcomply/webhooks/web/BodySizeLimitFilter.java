package app.smartcomply.webhooks.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No API call needs a body over {@link #MAX_BODY_BYTES} — but a batch publish, which may carry
 * {@link #MAX_BATCH_BODY_BYTES} (param {@code events}): bigger ones are refused with 413 {@code
 * request_too_large} — up front when the client declares the length, and while reading when it
 * does not (chunked), so a client cannot make the service buffer an unbounded body.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 1024 * 1024;
    static final String DETAIL = "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.";
    /** A batch of up to 1,000 events: a few KiB each on average. */
    static final long MAX_BATCH_BODY_BYTES = 8 * 1024 * 1024;

    static final String BATCH_DETAIL = "The request body is larger than " + MAX_BATCH_BODY_BYTES / 1024 / 1024
            + " MiB; send the events in smaller batches.";

    private final ProblemWriter problems;

    BodySizeLimitFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Limit limit = limitOf(request);
        if (request.getContentLengthLong() > limit.bytes()) {
            limit.refuse(problems, request, response);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    /** The most a request may send, and how a refusal says so. */
    record Limit(long bytes, String param, String detail) {
        /** Answers 413 {@code request_too_large}, naming this limit. */
        void refuse(ProblemWriter problems, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "request_too_large", param, detail);
        }
    }

    private static final Limit DEFAULT = new Limit(MAX_BODY_BYTES, null, DETAIL);
    private static final Limit BATCH = new Limit(MAX_BATCH_BODY_BYTES, EventBatchController.EVENTS, BATCH_DETAIL);

    private static Limit limitOf(HttpServletRequest request) {
        // The exact path only: any other spelling of it keeps the smaller limit, which is never unsafe.
        return "POST".equals(request.getMethod()) && EventBatchController.PATH.equals(request.getRequestURI())
                ? BATCH
                : DEFAULT;
    }

    /**
     * Thrown by the body stream once more than the limit was read. An {@link IOException}, so that
     * whatever reads the body (the JSON converter) passes it on as a failed read; {@link
     * ApiExceptionHandler} finds it among the causes and answers 413.
     */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient Limit limit;

        BodyTooLargeException(Limit limit) {
            super(limit.detail(), null);
            this.limit = limit;
        }

        Limit limit() {
            return limit;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final Limit limit;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, Limit limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limit);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final Limit limit;
        private long read;

        LimitedInputStream(ServletInputStream in, Limit limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit.bytes()) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
