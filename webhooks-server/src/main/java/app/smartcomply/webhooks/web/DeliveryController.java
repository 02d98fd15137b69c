package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.delivery.DeliveryFilter;
import app.smartcomply.webhooks.delivery.DeliveryLog;
import app.smartcomply.webhooks.error.InvalidInputException;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/api/v1/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Deliveries", description = "The delivery log: every attempt, retry and recovery.")
@SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
class DeliveryController {

    private final DeliveryLog log;
    private final EventCatalog catalog;

    DeliveryController(DeliveryLog log, EventCatalog catalog) {
        this.log = log;
        this.catalog = catalog;
    }

    @Schema(name = "Recovered")
    record Recovered(int recovered) {}

    @GetMapping("/endpoints/{id}/deliveries")
    @Operation(
            operationId = "listEndpointDeliveries",
            summary = "An endpoint's delivery log",
            description = "Newest first. Filter by status (pending, succeeded, failed, cancelled), event_type, and "
                    + "created_after / created_before (ISO-8601).")
    @ApiResponse(
            responseCode = "200",
            description = "One page of deliveries.",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiSchemas.DeliveryList.class),
                            examples = @ExampleObject(name = "page", value = ApiExamples.DELIVERY_LIST)))
    ListResponse<DeliveryViews.View> endpointLog(
            Caller.Customer caller,
            @PathVariable String id,
            @RequestParam(required = false) String status,
            @RequestParam(name = "event_type", required = false) String eventType,
            @RequestParam(name = "created_after", required = false) String createdAfter,
            @RequestParam(name = "created_before", required = false) String createdBefore,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        return list(caller, id, status, eventType, null, createdAfter, createdBefore, limit, startingAfter);
    }

    @GetMapping("/deliveries")
    @Operation(
            operationId = "listDeliveries",
            summary = "Search all deliveries",
            description = "Across the account's endpoints of the key's mode — e.g. status=failed for the dead letters. "
                    + "Same filters as the endpoint's log, plus endpoint_id and event_id.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of deliveries.",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiSchemas.DeliveryList.class),
                            examples = @ExampleObject(name = "page", value = ApiExamples.DELIVERY_LIST)))
    ListResponse<DeliveryViews.View> search(
            Caller.Customer caller,
            @RequestParam(name = "endpoint_id", required = false) String endpointId,
            @RequestParam(required = false) String status,
            @RequestParam(name = "event_type", required = false) String eventType,
            @RequestParam(name = "event_id", required = false) String eventId,
            @RequestParam(name = "created_after", required = false) String createdAfter,
            @RequestParam(name = "created_before", required = false) String createdBefore,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        return list(caller, endpointId, status, eventType, eventId, createdAfter, createdBefore, limit, startingAfter);
    }

    private ListResponse<DeliveryViews.View> list(
            Caller.Customer caller,
            String endpointId,
            String status,
            String eventType,
            String eventId,
            String createdAfter,
            String createdBefore,
            Integer limit,
            String startingAfter) {
        PageParams page = PageParams.of(limit, startingAfter, "whd_");
        DeliveryFilter filter = new DeliveryFilter(
                endpointId,
                QueryParams.status(status),
                QueryParams.eventType(eventType, catalog),
                eventId,
                QueryParams.instant(createdAfter, "created_after"),
                QueryParams.instant(createdBefore, "created_before"));
        return ListResponse.of(log.list(caller.accountId(), caller.mode(), filter, page.limit(), page.startingAfter())
                .map(DeliveryViews.View::of));
    }

    @GetMapping("/deliveries/{id}")
    @Operation(
            operationId = "getDelivery",
            summary = "Retrieve a delivery with all its attempts",
            description = "Each attempt's request headers, response status, headers and body (first 64 KiB), duration "
                    + "and error; request_body is the exact payload every attempt carried.")
    @ApiResponse(
            responseCode = "200",
            description = "The delivery and its attempts, oldest first.",
            content =
                    @Content(
                            schema = @Schema(implementation = DeliveryViews.Detail.class),
                            examples = @ExampleObject(name = "two attempts", value = ApiExamples.DELIVERY_DETAIL)))
    DeliveryViews.Detail get(Caller.Customer caller, @PathVariable String id) {
        return DeliveryViews.Detail.of(log.get(caller.accountId(), caller.mode(), id));
    }

    @PostMapping("/deliveries/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "retryDelivery",
            summary = "Retry a delivery now",
            description = "Also for failed (dead-lettered) ones, which get one more attempt.")
    @ApiResponse(
            responseCode = "202",
            description = "Queued; the attempt follows at once.",
            content =
                    @Content(
                            schema = @Schema(implementation = DeliveryViews.View.class),
                            examples = @ExampleObject(name = "queued", value = ApiExamples.DELIVERY)))
    @ApiResponse(
            responseCode = "409",
            description = "The endpoint is disabled (or, for a delivery, deleted).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class),
                            examples =
                                    @ExampleObject(name = "endpoint_disabled", value = ApiExamples.ENDPOINT_DISABLED)))
    DeliveryViews.View retry(Caller.Customer caller, AuditContext audit, @PathVariable String id) {
        return DeliveryViews.View.of(log.retry(caller.accountId(), caller.mode(), id, audit));
    }

    @PostMapping("/endpoints/{id}/recover")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "recoverEndpointDeliveries",
            summary = "Recover failed deliveries",
            description = "Re-queues every failed delivery of the endpoint created at or after `since` (ISO-8601; "
                    + "default: all of them) — e.g. after fixing an outage on your side. The body is optional.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            schema = @Schema(implementation = ApiSchemas.Recover.class),
                                            examples = @ExampleObject(name = "since", value = ApiExamples.RECOVER))))
    @ApiResponse(
            responseCode = "202",
            description = "How many deliveries were queued again.",
            content =
                    @Content(
                            schema = @Schema(implementation = Recovered.class),
                            examples = @ExampleObject(name = "recovered", value = ApiExamples.RECOVERED)))
    @ApiResponse(
            responseCode = "409",
            description = "The endpoint is disabled (or, for a delivery, deleted).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class),
                            examples =
                                    @ExampleObject(name = "endpoint_disabled", value = ApiExamples.ENDPOINT_DISABLED)))
    Recovered recover(
            Caller.Customer caller,
            AuditContext audit,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        JsonBody request = JsonBody.of(body, Set.of("since"));
        Long since = QueryParams.instant(request.optionalString("since").orElse(null), "since");
        if (since != null && since < 0) {
            throw new InvalidInputException("invalid_timestamp", "since", "since cannot be before 1970.");
        }
        return new Recovered(log.recover(caller.accountId(), caller.mode(), id, since == null ? 0 : since, audit));
    }
}
