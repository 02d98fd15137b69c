package app.smartcomply.webhooks.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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

  void write(HttpServletResponse response, HttpStatus status, String code, String param, String detail)
      throws IOException {
    ProblemDetail problem = ApiProblem.of(status, code, param, detail);
    response.setStatus(status.value());
    response.setContentType(PROBLEM_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    json.writeValue(response.getOutputStream(), problem);
  }
}
