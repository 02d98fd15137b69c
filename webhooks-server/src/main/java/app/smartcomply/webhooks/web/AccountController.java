package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Account;
import app.smartcomply.webhooks.account.AccountService;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.account.ContactEmail;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.event.WireFormat;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/api/v1/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Platform: accounts", description = "For SmartComply's own services, with the admin key.")
@SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Schema(name = "CreatedAccount")
    record AccountCreated(String id, String name, String email, String apiKey, String createdAt) {}

    @Schema(name = "Account")
    record AccountView(
            String id,
            String name,

            @Schema(
                    description = "Where notices about failing and disabled endpoints are mailed; null for none.",
                    nullable = true)
            String email,

            String createdAt) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createAccount",
            summary = "Create an account",
            description =
                    "Returns the account and its first sc_live_ API key — the only time the key is shown. "
                            + "email, optional, is where notices about the account's failing and disabled endpoints are mailed.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema = @Schema(implementation = ApiSchemas.CreateAccount.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "account",
                                                            value = ApiExamples.CREATE_ACCOUNT))))
    @ApiResponse(
            responseCode = "201",
            description = "The account with its first API key, shown only here.",
            content =
                    @Content(
                            schema = @Schema(implementation = AccountCreated.class),
                            examples = @ExampleObject(name = "created", value = ApiExamples.CREATED_ACCOUNT)))
    AccountCreated create(Caller.Platform platform, @RequestBody(required = false) JsonNode body) {
        JsonBody request = JsonBody.of(body, Set.of("name", "email"));
        String name = request.optionalString("name").orElse("").trim();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidInputException("invalid_name", "name", "name is required, at most 200 characters.");
        }
        String email = ContactEmail.valid(request.optionalString("email").orElse(null), "email");
        var created = accounts.createAccount(name, email);
        return new AccountCreated(
                created.account().id(),
                created.account().name(),
                email,
                created.key().plaintext(),
                WireFormat.timestamp(created.account().createdAt()));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getAccount", summary = "Retrieve an account")
    @ApiResponse(
            responseCode = "200",
            description = "The account.",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    AccountView get(Caller.Platform platform, @PathVariable("id") String accountId) {
        Account account = accounts.find(accountId).orElseThrow(() -> new NotFoundException("account", accountId, "id"));
        return new AccountView(
                account.id(),
                account.name(),
                accounts.contactEmail(accountId).orElse(null),
                WireFormat.timestamp(account.createdAt()));
    }

    @PatchMapping("/{id}")
    @Operation(
            operationId = "updateAccount",
            summary = "Update an account",
            description = "Sets the contact address (email) where notices about the account's failing and disabled "
                    + "endpoints are mailed; null or \"\" removes it. A change is recorded in the account's audit log "
                    + "(account.updated).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ApiSchemas.UpdateAccount.class))))
    @ApiResponse(
            responseCode = "200",
            description = "The account, changed.",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    AccountView update(
            Caller.Platform platform,
            AuditContext audit,
            @PathVariable("id") String accountId,
            @RequestBody(required = false) JsonNode body) {
        JsonBody request = JsonBody.of(body, Set.of("email"));
        if (request.has("email")) {
            String email = ContactEmail.valid(request.optionalString("email").orElse(null), "email");
            if (!accounts.setContactEmail(accountId, email, audit)) {
                throw new NotFoundException("account", accountId, "id");
            }
        }
        return get(platform, accountId);
    }
}
