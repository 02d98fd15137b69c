package app.smartcomply.webhooks.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The one shape of every error answer: RFC 9457 problem details with a machine {@code code} and,
 * for input errors, the offending {@code param}. Nothing in it that looks like a key or secret is
 * ever sent back ({@link SecretRedaction}).
 */
final class ApiProblem {

    /** The detail of a 404 for a path no route serves. */
    static final String NO_SUCH_PATH = "There is no such path. The API reference is at /swagger-ui.html.";

    private ApiProblem() {}

    /**
     * The code of an error that carries no more specific one (the container's and bare statuses):
     * {@code not_found}, {@code method_not_allowed}, else {@code bad_request} for a 4xx and {@code
     * internal_error} for the rest.
     */
    static String genericCode(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            default -> status.is4xxClientError() ? "bad_request" : "internal_error";
        };
    }

    static ProblemDetail of(HttpStatusCode status, String code, String param, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, SecretRedaction.redact(detail));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        problem.setType(URI.create("about:blank"));
        problem.setProperty("code", code);
        if (param != null) {
            problem.setProperty("param", SecretRedaction.redact(param));
        }
        return problem;
    }

    /**
     * Redacts, in place, every client-supplied part of a problem about to be written — whoever
     * built it: its detail, its {@code param} and other text properties, and its {@code instance}
     * (the request path, which may carry a key pasted as an id).
     */
    static ProblemDetail redacted(ProblemDetail problem) {
        problem.setDetail(SecretRedaction.redact(problem.getDetail()));
        problem.setTitle(SecretRedaction.redact(problem.getTitle()));
        Map<String, Object> properties = problem.getProperties();
        if (properties != null) {
            properties.replaceAll((name, value) -> value instanceof String text ? SecretRedaction.redact(text) : value);
        }
        if (problem.getInstance() != null) {
            problem.setInstance(instance(problem.getInstance().toString()));
        }
        return problem;
    }

    /** The request path as a problem's {@code instance}, redacted; null if it is not a valid URI. */
    static URI instance(String requestPath) {
        if (requestPath == null) {
            return null;
        }
        try {
            return URI.create(SecretRedaction.redactPath(requestPath));
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
