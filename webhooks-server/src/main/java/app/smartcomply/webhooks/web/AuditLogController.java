package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.AccountService;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditFilter;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading the audit log. Read only: there is no route that changes or deletes an entry, so PUT,
 * PATCH and DELETE on these paths answer 405.
 */
@RestController
@Tag(
        name = "Audit log",
        description = "Who changed which configuration, when and from where. Entries are "
                + "written by the service only: no route changes or deletes them. Kept for webhooks.audit.retention "
                + "(default 365 days).")
class AuditLogController {

    private static final String FILTERS = " Filters: target_id, action (one of the AuditLogEntry actions), "
            + "created_after / created_before (ISO-8601). Newest first, cursor-paginated (limit, starting_after).";

    private final AuditLog log;
    private final AccountService accounts;

    AuditLogController(AuditLog log, AccountService accounts) {
        this.log = log;
        this.accounts = accounts;
    }

    @GetMapping(path = "/api/v1/audit-log", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
    @SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
    @Operation(
            operationId = "listAuditLog",
            summary = "List the audit log",
            description =
                    "With an account key (read-only keys too): the account's own entries. With the admin key: the "
                            + "platform's own entries (admin_key.rotated); an account's entries are at "
                            + "/api/v1/accounts/{id}/audit-log." + FILTERS)
    @ApiResponse(
            responseCode = "200",
            description = "One page of entries.",
            content = @Content(schema = @Schema(implementation = AuditViews.EntryList.class)))
    ListResponse<AuditViews.Entry> list(
            Caller caller,
            @RequestParam(name = "target_id", required = false) String targetId,
            @RequestParam(required = false) String action,
            @RequestParam(name = "created_after", required = false) String createdAfter,
            @RequestParam(name = "created_before", required = false) String createdBefore,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        String accountId = caller instanceof Caller.Customer customer ? customer.accountId() : null;
        return page(accountId, targetId, action, createdAfter, createdBefore, limit, startingAfter);
    }

    @GetMapping(path = "/api/v1/accounts/{id}/audit-log", produces = MediaType.APPLICATION_JSON_VALUE)
    @Tag(name = "Platform: accounts")
    @SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
    @Operation(
            operationId = "listAccountAuditLog",
            summary = "List an account's audit log",
            description = "The account's entries, for the platform." + FILTERS)
    @ApiResponse(
            responseCode = "200",
            description = "One page of entries.",
            content = @Content(schema = @Schema(implementation = AuditViews.EntryList.class)))
    ListResponse<AuditViews.Entry> accountLog(
            Caller.Platform platform,
            @PathVariable String id,
            @RequestParam(name = "target_id", required = false) String targetId,
            @RequestParam(required = false) String action,
            @RequestParam(name = "created_after", required = false) String createdAfter,
            @RequestParam(name = "created_before", required = false) String createdBefore,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        if (accounts.find(id).isEmpty()) {
            throw new NotFoundException("account", id, "id");
        }
        return page(id, targetId, action, createdAfter, createdBefore, limit, startingAfter);
    }

    private ListResponse<AuditViews.Entry> page(
            String accountId,
            String targetId,
            String action,
            String createdAfter,
            String createdBefore,
            Integer limit,
            String startingAfter) {
        PageParams page = PageParams.of(limit, startingAfter, "aud_");
        AuditAction wanted = action == null
                ? null
                : AuditAction.fromWire(action)
                        .orElseThrow(() -> new InvalidInputException(
                                "invalid_action",
                                "action",
                                "action must be one of " + String.join(", ", AuditAction.wireNames()) + "."));
        AuditFilter filter = new AuditFilter(
                targetId,
                wanted,
                QueryParams.instant(createdAfter, "created_after"),
                QueryParams.instant(createdBefore, "created_before"));
        return ListResponse.of(
                log.list(accountId, filter, page.limit(), page.startingAfter()).map(AuditViews.Entry::of));
    }
}
