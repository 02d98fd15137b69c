package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.event.BatchOutcome;
import app.smartcomply.webhooks.event.BatchRefusedException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of a batch publish. 200 {@code {"results":[...]}} with one result per event in
 * order — {@code {"index","status":202,"replayed","event"}} where {@code event} is exactly what a
 * single publish answers, or {@code {"index","status","problem"}} with the problem a single
 * publish would have answered — or, for an atomic batch refused because of one event, that
 * event's problem alone.
 */
final class BatchResults {

    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(ProblemWriter.PROBLEM_JSON);

    private final JsonMapper json;

    BatchResults(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param count the number of events in the batch; every index below it is in exactly one list
     */
    ResponseEntity<byte[]> of(int count, List<BatchOutcome> published, List<BatchOutcome> unreadable) {
        BatchOutcome[] byIndex = new BatchOutcome[count];
        for (BatchOutcome outcome : published) {
            byIndex[outcome.index()] = outcome;
        }
        for (BatchOutcome outcome : unreadable) {
            byIndex[outcome.index()] = outcome;
        }
        // Written straight as bytes: each event is its stored payload already, as in a single publish.
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + count * 512);
        out.writeBytes(ascii("{\"results\":["));
        for (int i = 0; i < count; i++) {
            BatchOutcome outcome = byIndex[i];
            if (i > 0) {
                out.write(',');
            }
            if (outcome.published() != null) {
                out.writeBytes(ascii("{\"index\":" + i + ",\"status\":202,\"replayed\":"
                        + outcome.published().replayed() + ",\"event\":"));
                out.writeBytes(EventViews.bytes(outcome.published().event()));
            } else {
                ProblemDetail problem = BatchProblems.of(i, outcome.refused());
                out.writeBytes(ascii("{\"index\":" + i + ",\"status\":" + problem.getStatus() + ",\"problem\":"));
                out.writeBytes(json.writeValueAsBytes(problem));
            }
            out.write('}');
        }
        out.writeBytes(ascii("]}"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out.toByteArray());
    }

    /** An atomic batch refused because of one event: that event's problem, nothing else. */
    ResponseEntity<byte[]> refused(BatchRefusedException refused) {
        ProblemDetail problem = BatchProblems.of(refused.index(), refused.getCause());
        problem.setInstance(ApiProblem.instance(EventBatchController.PATH));
        return ResponseEntity.status(HttpStatus.valueOf(problem.getStatus()))
                .contentType(PROBLEM_JSON)
                .body(json.writeValueAsBytes(problem));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
