package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.event.TestEventSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Endpoints")
@SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
class TestEventController {

    private final TestEventSender sender;
    private final JsonMapper json;

    TestEventController(TestEventSender sender, JsonMapper json) {
        this.sender = sender;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/webhooks/endpoints/{id}/test", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "sendTestEvent",
            summary = "Send a test event",
            description =
                    "Fires a webhook.test event with a synthetic payload to this endpoint only. It shows up in the "
                            + "endpoint's delivery log like any other delivery.")
    @ApiResponse(
            responseCode = "202",
            description = "The test event; its delivery is on its way.",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiSchemas.Event.class),
                            examples = @ExampleObject(name = "webhook.test", value = ApiExamples.TEST_EVENT)))
    @ApiResponse(
            responseCode = "409",
            description = "The endpoint is disabled.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class),
                            examples =
                                    @ExampleObject(name = "endpoint_disabled", value = ApiExamples.ENDPOINT_DISABLED)))
    JsonNode test(Caller.Customer caller, AuditContext audit, @PathVariable String id) {
        return EventViews.of(
                sender.sendTo(caller.accountId(), caller.mode(), id, audit).event(), json);
    }
}
