package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.check.CaseResult;
import app.smartcomply.webhooks.check.EndpointCheck;
import app.smartcomply.webhooks.event.WireFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** How endpoint conformance checks look on the wire. The field names are the CLI's contract. */
final class CheckViews {

    /** A completed check of a receiver that takes only the last v1= value (the API reference's example). */
    static final String EXAMPLE = """
      {
        "id": "chk_0196a1f3c2b87d4e9a5f1c3e7b2d8a64",
        "endpoint_id": "whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
        "status": "completed",
        "started_at": "2026-05-05T14:02:00.000Z",
        "completed_at": "2026-05-05T14:02:01.250Z",
        "cases": [
          {"name": "valid_signature", "passed": true, "expected": "2xx within 10 s (ideally within 2 s)",
           "got": "HTTP 200 in 31 ms", "advice": null},
          {"name": "forged_signature", "passed": true, "expected": "4xx (rejected)", "got": "HTTP 400 in 4 ms",
           "advice": null},
          {"name": "rotated_secrets", "passed": false,
           "expected": "2xx whichever of two v1= values is the valid one",
           "got": "forged v1= first, valid last: HTTP 200 in 5 ms; valid v1= first, forged last: HTTP 400 in 3 ms",
           "advice": "Your receiver checks only the last v1= value. ... Split the header on commas and accept the request if any v1= value matches."}
        ]
      }""";

    private CheckViews() {}

    @JsonPropertyOrder({"id", "endpoint_id", "status", "started_at", "completed_at", "cases"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            name = "EndpointCheck",
            description = "A conformance check of an endpoint: running while its requests are "
                    + "sent, completed once all seven cases are graded. Cases appear in order as they are graded.")
    record View(
            String id,
            String endpointId,

            @Schema(allowableValues = {"running", "completed"})
            String status,

            String startedAt,
            @Schema(nullable = true) String completedAt,
            List<Case> cases) {

        static View of(EndpointCheck check) {
            return new View(
                    check.id(),
                    check.endpointId(),
                    check.status(),
                    WireFormat.timestamp(check.startedAt()),
                    WireFormat.timestamp(check.completedAt()),
                    check.cases().stream().map(Case::of).toList());
        }
    }

    @JsonPropertyOrder({"name", "passed", "expected", "got", "advice"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "EndpointCheckCase")
    record Case(
            @Schema(
                    allowableValues = {
                        "valid_signature",
                        "forged_signature",
                        "stale_timestamp",
                        "tampered_body",
                        "missing_signature",
                        "rotated_secrets",
                        "duplicate_event"
                    })
            String name,

            boolean passed,
            String expected,
            String got,

            @Schema(
                    nullable = true,
                    description = "How to fix a failed case; for a passed case a warning (a slow answer) " + "or null.")
            String advice) {

        static Case of(CaseResult result) {
            return new Case(result.name(), result.passed(), result.expected(), result.got(), result.advice());
        }
    }

    @Schema(name = "EndpointCheckList")
    record ListView(List<View> data, boolean hasMore) {}
}
