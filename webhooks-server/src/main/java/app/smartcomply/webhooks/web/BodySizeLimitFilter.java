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
 * No API call needs a body over {@link #MAX_BODY_BYTES}: bigger ones are refused with 413 {@code
 * request_too_large} — up front when the client declares the length, and while reading when it
 * does not (chunked), so a client cannot make the service buffer an unbounded body.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

  static final long MAX_BODY_BYTES = 1024 * 1024;
  static final String DETAIL = "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.";

  private final ProblemWriter problems;

  BodySizeLimitFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "request_too_large", null, DETAIL);
      return;
    }
    chain.doFilter(new LimitedRequest(request), response);
  }

  /**
   * Thrown by the body stream once more than the limit was read. An {@link IOException}, so that
   * whatever reads the body (the JSON converter) passes it on as a failed read; {@link
   * ApiExceptionHandler} finds it among the causes and answers 413.
   */
  static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException() {
      super(DETAIL, null);
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private ServletInputStream limited;

    LimitedRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (limited == null) {
        limited = new LimitedInputStream(super.getInputStream());
      }
      return limited;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private long read;

    LimitedInputStream(ServletInputStream in) {
      this.in = in;
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
      if (read > MAX_BODY_BYTES) {
        throw new BodyTooLargeException();
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
