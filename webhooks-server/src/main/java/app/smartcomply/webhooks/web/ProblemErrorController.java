package app.smartcomply.webhooks.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors the servlet container raises before Spring MVC sees the request (a malformed URL, a
 * request the connector refused) also come back as problems, not as an HTML error page.
 *
 * <p>{@code /error} is only where the container forwards such errors; asked for directly it is a
 * path like any unknown one: 404 {@code not_found}.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping(
            value = "/error",
            produces = {"application/problem+json", MediaType.APPLICATION_JSON_VALUE, "*/*"})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .header(HttpHeaders.CACHE_CONTROL, NoStoreFilter.NO_STORE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ApiProblem.of(HttpStatus.NOT_FOUND, "not_found", null, ApiProblem.NO_SUCH_PATH));
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        // The filters that set this ran for the request, not for the container's forward to here.
        return ResponseEntity.status(status)
                .header(HttpHeaders.CACHE_CONTROL, NoStoreFilter.NO_STORE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblem.of(status, ApiProblem.genericCode(status), null, status.getReasonPhrase() + "."));
    }
}
