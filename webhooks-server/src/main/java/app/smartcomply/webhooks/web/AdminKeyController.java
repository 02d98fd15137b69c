package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.AdminKey;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Replacing the generated admin key without a restart. */
@RestController
@Tag(name = "Platform: accounts", description = "For SmartComply's own services, with the admin key.")
@SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
class AdminKeyController {

    private final AdminKey adminKey;

    AdminKeyController(AdminKey adminKey) {
        this.adminKey = adminKey;
    }

    @Schema(name = "RotatedAdminKey")
    record Rotated(
            @Schema(description = "The new admin key, shown only here.")
            String adminKey) {
        @Override
        public String toString() {
            return "Rotated[…]";
        }
    }

    @PostMapping(path = "/api/v1/admin-key/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "rotateAdminKey",
            summary = "Rotate the admin key",
            description = "Replaces the generated admin key: the new key is shown only in this answer, and the old one "
                    + "stops working on every node within a second. A key set with WEBHOOKS_ADMIN_KEY is the operator's: "
                    + "rotating it here answers 409 admin_key_configured.")
    @ApiResponse(
            responseCode = "200",
            description = "The new admin key.",
            content =
                    @Content(
                            schema = @Schema(implementation = Rotated.class),
                            examples = @ExampleObject(name = "rotated", value = ApiExamples.ADMIN_KEY_ROTATED)))
    @ApiResponse(
            responseCode = "409",
            description = "The key comes from WEBHOOKS_ADMIN_KEY (admin_key_configured).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    Rotated rotate(Caller.Platform platform, AuditContext audit) {
        return new Rotated(adminKey.rotate(audit));
    }
}
