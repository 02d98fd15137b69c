package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.account.SignInLinks;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.event.WireFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Signing a platform user into an account's dashboard without an API key: the platform asks for a
 * one-time link and sends its user there.
 */
@RestController
@Tag(name = "Platform: accounts")
@SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
class DashboardSessionController {

    static final int MAX_RETURN_URL = 2048;
    private static final Set<String> FIELDS = Set.of("mode", "read_only", "return_url");

    private final SignInLinks links;
    private final boolean devMode;
    private final String publicUrl;

    DashboardSessionController(
            SignInLinks links,
            @Value("${webhooks.dev-mode:false}") boolean devMode,
            @Value("${webhooks.public-url:}") String publicUrl) {
        this.links = links;
        this.devMode = devMode;
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
    }

    @Schema(name = "CreateDashboardSession")
    record Request(
            @Schema(
                    allowableValues = {"live", "test"},
                    defaultValue = "live")
            String mode,

            @Schema(defaultValue = "false", description = "A read-only session sees everything and changes nothing.")
            Boolean readOnly,

            @Schema(
                    description = "Where the dashboard's Back link leads: an absolute https URL (http in dev mode) "
                            + "without credentials, at most 2048 characters.")
            String returnUrl) {}

    @Schema(name = "DashboardSignInLink")
    record Link(
            @Schema(description = "Open once, within 5 minutes, to be signed in. Do not log it.")
            String url,

            String expiresAt) {
        @Override
        public String toString() {
            return "Link[…]";
        }
    }

    @PostMapping(path = "/api/v1/accounts/{id}/dashboard-sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createDashboardSession",
            summary = "Create a dashboard sign-in link",
            description =
                    "A one-time URL that signs its holder into the account's dashboard: valid for 5 minutes, useless "
                            + "after its first use. The session it opens belongs to no API key (revoking keys does not end it); it "
                            + "ends on sign-out or after the session lifetime. Its base is WEBHOOKS_PUBLIC_URL when set, otherwise "
                            + "this request's scheme and host (through trusted proxies). The body is optional.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Request.class))))
    @ApiResponse(
            responseCode = "201",
            description = "The link.",
            content = @Content(schema = @Schema(implementation = Link.class)))
    Link create(
            Caller.Platform platform,
            AuditContext audit,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            HttpServletRequest request) {
        JsonBody fields = JsonBody.of(body, FIELDS);
        ApiKeyMode mode = ApiKeyMode.parse(fields.optionalString("mode").orElse("live"), "mode");
        boolean readOnly = readOnly(fields);
        String returnUrl =
                fields.optionalString("return_url").map(this::validReturnUrl).orElse(null);
        SignInLinks.Link link = links.create(id, mode, readOnly, returnUrl, audit);
        return new Link(base(request) + "/dashboard/sign-in/" + link.token(), WireFormat.timestamp(link.expiresAt()));
    }

    private static boolean readOnly(JsonBody fields) {
        JsonNode node = fields.raw("read_only");
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidInputException("invalid_type", "read_only", "read_only must be true or false.");
        }
        return node.asBoolean();
    }

    /** Absolute, https (http too in dev mode), no user or password, at most 2048 characters. */
    private String validReturnUrl(String value) {
        InvalidInputException invalid = new InvalidInputException(
                "invalid_return_url",
                "return_url",
                "return_url must be an absolute " + (devMode ? "http or https" : "https")
                        + " URL without credentials, at most " + MAX_RETURN_URL + " characters.");
        if (value.length() > MAX_RETURN_URL) {
            throw invalid;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (Exception e) {
            throw invalid;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean schemeAllowed = scheme.equals("https") || (devMode && scheme.equals("http"));
        if (!uri.isAbsolute()
                || !schemeAllowed
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw invalid;
        }
        return value;
    }

    /** The configured public address, or this request's as seen through trusted proxies. */
    private String base(HttpServletRequest request) {
        if (!publicUrl.isEmpty()) {
            return publicUrl;
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String host = request.getServerName();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort || port <= 0 ? "" : ":" + port);
    }
}
