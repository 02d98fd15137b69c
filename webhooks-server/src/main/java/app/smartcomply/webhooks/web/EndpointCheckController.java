package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.check.EndpointChecks;
import app.smartcomply.webhooks.check.EndpointOwner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Endpoint conformance checks. The endpoint's own account key works (its mode's endpoints only),
 * and so does the admin key, for any account's endpoint.
 */
@RestController
@RequestMapping(path = "/api/v1/webhooks/endpoints/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Endpoints")
@SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
@SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
class EndpointCheckController {

    private final EndpointChecks checks;

    EndpointCheckController(EndpointChecks checks) {
        this.checks = checks;
    }

    @PostMapping("/check")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "startEndpointCheck",
            summary = "Check an endpoint's receiver",
            description =
                    "Sends the endpoint seven kinds of request in order and grades each answer: a correctly signed "
                            + "webhook.test event (2xx within 10 s, a warning above 2 s); the same with a forged signature, a "
                            + "timestamp 10 minutes old, a body changed after signing, and no signature (each 4xx); two v1= values, "
                            + "the valid one last and then first (2xx both times); and the first event again (2xx). The hostile "
                            + "requests carry the event type webhook.check. Returns at once with the running check; poll "
                            + "GET …/checks/{check_id}. One check per endpoint at a time; a disabled endpoint can be checked, a "
                            + "deleted one cannot. No body.")
    @ApiResponse(
            responseCode = "202",
            description = "The check, running.",
            content = @Content(schema = @Schema(implementation = CheckViews.View.class)))
    @ApiResponse(
            responseCode = "409",
            description = "A check of this endpoint is running: check_in_progress.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    CheckViews.View start(
            Caller caller, AuditContext audit, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        JsonBody.of(body, Set.of());
        return CheckViews.View.of(checks.start(owner(caller, id), id, audit));
    }

    @GetMapping("/checks")
    @Operation(
            operationId = "listEndpointChecks",
            summary = "List an endpoint's checks",
            description = "Newest first; the last 20 of the last 30 days.")
    @ApiResponse(
            responseCode = "200",
            description = "The checks.",
            content = @Content(schema = @Schema(implementation = CheckViews.ListView.class)))
    CheckViews.ListView list(Caller caller, @PathVariable String id) {
        return new CheckViews.ListView(
                checks.list(owner(caller, id), id).stream()
                        .map(CheckViews.View::of)
                        .toList(),
                false);
    }

    @GetMapping("/checks/{check_id}")
    @Operation(
            operationId = "getEndpointCheck",
            summary = "Retrieve a check",
            description = "Its status and the cases graded so far, each with advice " + "when it failed.")
    @ApiResponse(
            responseCode = "200",
            description = "The check.",
            content =
                    @Content(
                            schema = @Schema(implementation = CheckViews.View.class),
                            examples = @ExampleObject(name = "completed", value = CheckViews.EXAMPLE)))
    CheckViews.View get(Caller caller, @PathVariable String id, @PathVariable("check_id") String checkId) {
        return CheckViews.View.of(checks.get(owner(caller, id), id, checkId));
    }

    private EndpointOwner owner(Caller caller, String endpointId) {
        return switch (caller) {
            case Caller.Customer customer -> new EndpointOwner(customer.accountId(), customer.mode());
            case Caller.Platform platform -> checks.ownerOf(endpointId);
        };
    }
}
