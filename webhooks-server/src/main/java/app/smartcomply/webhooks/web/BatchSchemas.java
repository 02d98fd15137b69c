package app.smartcomply.webhooks.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Shapes of the batch publish for the API reference (see {@link ApiSchemas}): documentation only,
 * the controller reads and writes the JSON itself.
 */
final class BatchSchemas {

    private BatchSchemas() {}

    @Schema(name = "PublishBatchRequest")
    record PublishBatch(
            @ArraySchema(
                    arraySchema =
                            @Schema(
                                    description = "The events, each as POST /api/v1/events takes it.",
                                    requiredMode = RequiredMode.REQUIRED),
                    minItems = 1,
                    maxItems = 1000)
            List<BatchEvent> events,

            @Schema(
                    description = "true: one refused event refuses the whole batch and nothing is stored. "
                            + "false (default): each event is published or refused on its own.",
                    defaultValue = "false")
            Boolean atomic) {}

    @Schema(name = "BatchEvent")
    record BatchEvent(
            @Schema(
                    description = "The account whose endpoints receive the event.",
                    requiredMode = RequiredMode.REQUIRED,
                    example = "acct_0196a1e8d4c27b3f8e6a2d9c1b5f7e30")
            String accountId,

            @Schema(
                    description = "A publishable type of the catalog (not webhook.*).",
                    requiredMode = RequiredMode.REQUIRED,
                    example = "test.submitted")
            String type,

            @Schema(
                    description = "The event's data; must match the type's JSON Schema; at most 256 KiB.",
                    requiredMode = RequiredMode.REQUIRED)
            JsonNode data,

            @Schema(
                    description = "live (default) or test.",
                    allowableValues = {"live", "test"},
                    example = "live")
            String mode,

            @Schema(
                    description = "Optional; what the Idempotency-Key header is to a single publish: a repeat (in this "
                            + "batch or any earlier request, same account and mode) returns the original event.",
                    example = "submission-tst_a01717f9-1")
            String idempotencyKey) {}

    @Schema(name = "BatchResults")
    record BatchResults(
            @Schema(description = "One per event, in the order sent.")
            List<BatchResult> results) {}

    @Schema(name = "BatchResult", description = "Either event (status 202) or problem (any other status).")
    record BatchResult(
            @Schema(description = "The event's position in events, from 0.", example = "0")
            int index,

            @Schema(description = "What a single publish of this event would have answered.", example = "202")
            int status,

            @Schema(
                    description =
                            "With status 202: true if an earlier event with the same idempotency_key is returned.")
            Boolean replayed,

            @Schema(description = "With status 202: the event, as a single publish answers it.")
            ApiSchemas.Event event,

            @Schema(description = "With any other status: why this event was refused; param points into events.")
            ApiSchemas.Problem problem) {}
}
