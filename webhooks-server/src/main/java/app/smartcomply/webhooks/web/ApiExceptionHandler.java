package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.error.RateLimitedException;
import app.smartcomply.webhooks.store.StoreFull;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure into a problem answer with a {@code code}: our own exceptions, Spring MVC's
 * (bad JSON, wrong method, wrong media type, unknown path), an unreachable database (503, so
 * clients retry) and a full one (503 {@code store_full}). Nothing a client sends produces a 500; a
 * 500 means a bug, is logged with its
 * stack trace, and tells the client nothing internal.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ProblemWriter problems;

    ApiExceptionHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    /**
     * The answer the handler methods below give to an exception thrown by a controller method, for
     * a route answered outside Spring MVC ({@link DirectPublishFilter}): the most specific handler
     * for its type, as Spring MVC picks it. Only for the exceptions a controller method throws —
     * Spring MVC's own (unreadable body, unsupported media type, …) never reach that route.
     */
    ResponseEntity<ProblemDetail> answerFor(RuntimeException e) {
        return switch (e) {
            case InvalidInputException invalid -> invalid(invalid);
            case NotFoundException notFound -> notFound(notFound);
            case ConflictException conflict -> conflict(conflict);
            case RateLimitedException limited -> rateLimited(limited);
            case CallerArguments.ForbiddenException forbidden -> forbidden(forbidden);
            case DataAccessResourceFailureException unavailable -> storeUnavailable(unavailable);
            case TransientDataAccessException unavailable -> storeUnavailable(unavailable);
            case CannotCreateTransactionException unavailable -> storeUnavailable(unavailable);
            case TransactionSystemException unavailable -> storeUnavailable(unavailable);
            case DataAccessException failed -> storeFailed(failed);
            default -> unexpected(e);
        };
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        return answer(HttpStatus.BAD_REQUEST, e.code(), e.param(), e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.code(), e.param(), e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return answer(HttpStatus.CONFLICT, e.code(), e.param(), e.getMessage());
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        ResponseEntity<ProblemDetail> answer =
                answer(HttpStatus.TOO_MANY_REQUESTS, TooManyRequests.CODE, null, e.getMessage());
        return ResponseEntity.status(answer.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                .body(answer.getBody());
    }

    @ExceptionHandler(CallerArguments.ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(CallerArguments.ForbiddenException e) {
        return answer(e.status(), e.code(), e.param(), e.getMessage());
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        CannotCreateTransactionException.class,
        // The connection died mid-transaction and the rollback could not even be sent.
        TransactionSystemException.class
    })
    ResponseEntity<ProblemDetail> storeUnavailable(Exception e) {
        if (StoreFull.causedBy(e)) {
            return storeFull(e);
        }
        log.warn("Store unavailable: {}", e.getMessage());
        ResponseEntity<ProblemDetail> answer = answer(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service_unavailable",
                null,
                "The service cannot reach its database right now. Nothing was changed; retry shortly.");
        return ResponseEntity.status(answer.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(answer.getBody());
    }

    /** Any other store failure is a bug (500) — unless the store is full. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> storeFailed(DataAccessException e) {
        return StoreFull.causedBy(e) ? storeFull(e) : unexpected(e);
    }

    /**
     * The disk (or SQLite's page limit) is full: the write changed nothing and the store is intact.
     * 503 with {@code Retry-After}: it passes by itself once the purge or an operator frees space.
     */
    private static ResponseEntity<ProblemDetail> storeFull(Exception e) {
        log.error("Store full, writes refused until space returns: {}", e.getMessage());
        ResponseEntity<ProblemDetail> answer = answer(
                HttpStatus.SERVICE_UNAVAILABLE,
                "store_full",
                null,
                "The service's storage is full. Nothing was stored; retry later.");
        return ResponseEntity.status(answer.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, "30")
                .body(answer.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return answer(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                null,
                "Something went wrong on our side. It has been logged.");
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof HttpMediaTypeNotAcceptableException
                && request instanceof ServletWebRequest servlet
                && servlet.getResponse() != null
                && !servlet.getResponse().isCommitted()) {
            // The client accepts nothing we can write, a problem included: content negotiation would
            // refuse this answer too and send 406 with no body at all. Say why anyway, in the one
            // format every error of this API has.
            try {
                servlet.getResponse().reset();
                problems.write(
                        servlet.getRequest(),
                        servlet.getResponse(),
                        HttpStatus.NOT_ACCEPTABLE,
                        "not_acceptable",
                        "Accept",
                        "This API answers in application/json (errors in application/problem+json).");
                return null;
            } catch (IOException | RuntimeException e) {
                log.debug("Could not write the 406 answer", e);
            }
        }
        String code = "bad_request";
        String param = null;
        String detail = ex.getMessage();
        switch (ex) {
            case HttpMessageNotReadableException unreadable
            when tooLarge(unreadable) != null -> {
                // The body stream gave up half-way (chunked body over the limit): not a JSON problem.
                status = HttpStatus.CONTENT_TOO_LARGE;
                code = "request_too_large";
                param = tooLarge(unreadable).param();
                detail = tooLarge(unreadable).detail();
            }
            case HttpMessageNotReadableException unreadable -> {
                code = "invalid_json";
                detail = describeUnreadable(unreadable);
            }
            case HttpRequestMethodNotSupportedException method -> {
                code = "method_not_allowed";
                detail = "This path does not support " + method.getMethod() + ".";
            }
            case HttpMediaTypeNotSupportedException media -> {
                code = "unsupported_media_type";
                param = "Content-Type";
                detail = "Send the body as application/json.";
            }
            case HttpMediaTypeNotAcceptableException media -> {
                code = "not_acceptable";
                param = "Accept";
                detail = "This API answers in application/json (errors in application/problem+json).";
            }
            case NoResourceFoundException missing -> {
                code = "not_found";
                detail = ApiProblem.NO_SUCH_PATH;
            }
            case MissingServletRequestParameterException missing -> {
                code = "parameter_missing";
                param = missing.getParameterName();
                detail = param + " is required.";
            }
            case MissingRequestHeaderException missing -> {
                code = "header_missing";
                param = missing.getHeaderName();
                detail = param + " header is required.";
            }
            case TypeMismatchException mismatch
            when "limit".equals(mismatch.getPropertyName()) -> {
                // The only typed query parameter: "limit=ten" is the same mistake as "limit=0".
                InvalidInputException invalid = PageParams.invalidLimit();
                code = invalid.code();
                param = invalid.param();
                detail = invalid.getMessage();
            }
            case TypeMismatchException mismatch -> {
                code = "invalid_parameter";
                param = mismatch.getPropertyName();
                detail = param + " has the wrong type.";
            }
            default -> {
                // Spring's own messages are written for developers and may quote internals.
                HttpStatus known = HttpStatus.resolve(status.value());
                detail = (known != null ? known.getReasonPhrase() : "The request could not be processed") + ".";
                if (status.is5xxServerError()) {
                    log.error("Request failed", ex);
                    code = "internal_error";
                }
            }
        }
        return super.handleExceptionInternal(ex, ApiProblem.of(status, code, param, detail), headers, status, request);
    }

    /** The limit the body broke, or null if it broke none. */
    private static BodySizeLimitFilter.Limit tooLarge(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return tooLarge.limit();
            }
        }
        return null;
    }

    /** Says where the JSON broke, never what it contained (it may hold a secret). */
    private static String describeUnreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JacksonException jackson && jackson.getLocation() != null) {
            var at = jackson.getLocation();
            return "The request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ").";
        }
        return "The request body is missing or is not valid JSON.";
    }

    private static ResponseEntity<ProblemDetail> answer(
            HttpStatusCode status, String code, String param, String detail) {
        return ResponseEntity.status(status).body(ApiProblem.of(status, code, param, detail));
    }
}
