package app.smartcomply.webhooks.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Errors Tomcat answers itself, before any servlet runs, become problems too, instead of Tomcat's
 * HTML page or an empty body:
 *
 * <ul>
 *   <li>a request line or headers it could not read at all — larger than the connector's 8 KiB
 *       header limit (a 20 KB query string, a 70,000-character path), or malformed — when even
 *       the path is unknown, so the problem has no {@code instance};
 *   <li>a path it refuses, such as one with an encoded slash ({@code %2F}) or invalid
 *       percent-encoding ({@code %ff}).
 * </ul>
 *
 * Everything that reaches Spring MVC has written its own problem already, and this valve leaves
 * it alone.
 */
class ProblemReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

    static final String UNREADABLE = "The request could not be read: its request line or headers are malformed, or"
            + " larger than 8 KiB together (a URL that long is refused).";
    static final String REFUSED_URL =
            "The request could not be read: check the URL's percent-encoding (an encoded slash %2F is not allowed).";

    private final ProblemWriter problems;

    ProblemReportValve(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String machineCode = status == HttpStatus.BAD_REQUEST ? "invalid_request" : ApiProblem.genericCode(status);
        String detail = status.getReasonPhrase() + ".";
        if (status == HttpStatus.BAD_REQUEST) {
            // No path at all: the connector gave up on the request line or headers themselves.
            detail = request.getRequestURI() == null || request.getRequestURI().isEmpty() ? UNREADABLE : REFUSED_URL;
        }
        try {
            response.resetBuffer();
            problems.write(request, response, status, machineCode, null, detail);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not write the error answer", e);
        }
    }
}
