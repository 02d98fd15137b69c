package app.smartcomply.webhooks.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The one shape of every error answer: RFC 9457 problem details with a machine {@code code} and,
 * for input errors, the offending {@code param}.
 */
final class ApiProblem {

  private ApiProblem() {}

  static ProblemDetail of(HttpStatusCode status, String code, String param, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    HttpStatus known = HttpStatus.resolve(status.value());
    problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
    problem.setType(URI.create("about:blank"));
    problem.setProperty("code", code);
    if (param != null) {
      problem.setProperty("param", param);
    }
    return problem;
  }
}
