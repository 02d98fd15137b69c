package app.smartcomply.webhooks.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem straight to the response, for the code that runs before Spring MVC (filters). */
@Component
class ProblemWriter {

    static final String PROBLEM_JSON = "application/problem+json";

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /**
     * Writes an answer of {@link ApiExceptionHandler#answerFor}: its status, its headers (such as
     * {@code Retry-After}) and its problem, completed and redacted as Spring MVC's last look at a
     * problem does ({@link ProblemRedactionAdvice}).
     */
    void write(HttpServletRequest request, HttpServletResponse response, ResponseEntity<ProblemDetail> answer)
            throws IOException {
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        send(request, response, answer.getStatusCode().value(), ApiProblem.redacted(answer.getBody()));
    }

    /**
     * Writes the problem, with the request's path as {@code instance} like every other problem
     * (redacted like the rest of it, see {@link ApiProblem}).
     */
    void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String code,
            String param,
            String detail)
            throws IOException {
        send(request, response, status.value(), ApiProblem.of(status, code, param, detail));
    }

    private void send(HttpServletRequest request, HttpServletResponse response, int status, ProblemDetail problem)
            throws IOException {
        problem.setInstance(ApiProblem.instance(request.getRequestURI()));
        response.setStatus(status);
        response.setContentType(PROBLEM_JSON);
        // Whatever the path: an error answer is about one request and must not be replayed by a cache.
        response.setHeader(HttpHeaders.CACHE_CONTROL, NoStoreFilter.NO_STORE);
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
