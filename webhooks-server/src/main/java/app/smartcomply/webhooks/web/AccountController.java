package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.AccountService;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.error.InvalidInputException;
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
  record AccountCreated(String id, String name, String apiKey, String createdAt) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create an account",
      description = "Returns the account and its first sc_live_ API key — the only time the key is shown.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
          schema = @Schema(implementation = ApiSchemas.CreateAccount.class),
          examples = @ExampleObject(name = "account", value = ApiExamples.CREATE_ACCOUNT))))
  @ApiResponse(responseCode = "201", description = "The account with its first API key, shown only here.",
      content = @Content(schema = @Schema(implementation = AccountCreated.class),
          examples = @ExampleObject(name = "created", value = ApiExamples.CREATED_ACCOUNT)))
  AccountCreated create(Caller.Platform platform, @RequestBody(required = false) JsonNode body) {
    JsonBody request = JsonBody.of(body, Set.of("name"));
    String name = request.optionalString("name").orElse("").trim();
    if (name.isEmpty() || name.length() > 200) {
      throw new InvalidInputException("invalid_name", "name", "name is required, at most 200 characters.");
    }
    var created = accounts.createAccount(name);
    return new AccountCreated(created.account().id(), created.account().name(), created.key().plaintext(),
        WireFormat.timestamp(created.account().createdAt()));
  }
}
