package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem of one event of a batch: what a single publish of it would answer — same status,
 * {@code code} and detail — with the {@code param} pointing into the array ({@code
 * events[3].data.severity}, {@code events[0].idempotency_key}, or {@code events[3]} for the event
 * as a whole).
 */
final class BatchProblems {

    private BatchProblems() {}

    /**
     * @throws RuntimeException {@code refused} itself if it is not a refusal of the request (a store
     *     failure or a bug): the whole request then fails as any other would
     */
    static ProblemDetail of(int index, RuntimeException refused) {
        return switch (refused) {
            case InvalidInputException invalid ->
                ApiProblem.of(
                        HttpStatus.BAD_REQUEST, invalid.code(), param(index, invalid.param()), invalid.getMessage());
            case NotFoundException missing ->
                ApiProblem.of(
                        HttpStatus.NOT_FOUND, missing.code(), param(index, missing.param()), missing.getMessage());
            case ConflictException conflict ->
                ApiProblem.of(
                        HttpStatus.CONFLICT, conflict.code(), param(index, conflict.param()), conflict.getMessage());
            case CallerArguments.ForbiddenException forbidden ->
                ApiProblem.of(
                        forbidden.status(), forbidden.code(), param(index, forbidden.param()), forbidden.getMessage());
            default -> throw refused;
        };
    }

    /** A single publish's param as the same field of the batch's event {@code index}. */
    static String param(int index, String param) {
        String event = EventBatchController.EVENTS + "[" + index + "]";
        if (param == null) {
            return event;
        }
        // A single publish takes its key as a header; an event of a batch as its idempotency_key field.
        return event + "." + ("Idempotency-Key".equals(param) ? EventBatchController.IDEMPOTENCY_KEY : param);
    }
}
