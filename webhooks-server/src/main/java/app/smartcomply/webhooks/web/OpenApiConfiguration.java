package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The interactive API reference (Swagger UI at /swagger-ui.html, the document at /v3/api-docs):
 * its two ways to authenticate, field names as the API writes them (snake_case), and the error
 * answers every operation shares — so the controllers only annotate what is particular to them.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String ACCOUNT_KEY = "accountKey";
    static final String ADMIN_KEY = "adminKey";

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    static {
        // Resolved from the bearer key (CallerArguments), not sent by clients as a parameter.
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(Caller.Customer.class, Caller.Platform.class, Caller.class);
        // Built from the request (AuditContextArguments) for the audit log.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuditContext.class);
        // Free-form JSON (event data, schemas, examples): an object, not Jackson's node internals.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
    }

    @Bean
    OpenAPI webhooksOpenApi(@Value("${webhooks.version:dev}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("SmartComply Webhooks API")
                        .version(version)
                        .description(
                                "Register endpoints, inspect deliveries, and (for SmartComply services) publish events.\n\n"
                                        + "Authenticate with `Authorization: Bearer sc_live_…` (your account's API key). JSON in and out, "
                                        + "snake_case, ids are a prefix plus 32 hex digits, timestamps ISO-8601 UTC with milliseconds. "
                                        + "Lists are cursor-paginated: `?limit=&starting_after=<last id>` → `{\"data\": […], "
                                        + "\"has_more\": …}`, newest first.\n\n"
                                        + "Errors are `application/problem+json` (RFC 9457) with a machine `code` and, for input errors, "
                                        + "the offending `param`."))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        ACCOUNT_KEY,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("sc_live_…")
                                                .description("An account's API key: Authorization: Bearer sc_live_…"))
                                .addSecuritySchemes(
                                        ADMIN_KEY,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("admin key")
                                                .description(
                                                        "The platform key (WEBHOOKS_ADMIN_KEY) of SmartComply's own services.")));
    }

    /** Reads our response records with the naming the API really uses on the wire. */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /** {@code rate_limit} may be null: see {@link RateLimitView#nullableInReference}. */
    @Bean
    OpenApiCustomizer nullableRateLimits() {
        return RateLimitView.nullableInReference();
    }

    /** The error answers all operations share, and the list and id parameters, described once. */
    @Bean
    OpenApiCustomizer sharedApiConventions() {
        return openApi -> {
            openApi.getComponents()
                    .addSchemas(
                            "Problem",
                            ModelConverters.getInstance()
                                    .read(ApiSchemas.Problem.class)
                                    .get("Problem"));
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperations().forEach(operation -> {
                        describeParameters(path, operation);
                        addSharedProblems(path, operation);
                        sortByStatus(operation);
                    }));
        };
    }

    private static void describeParameters(String path, Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            switch (parameter.getName()) {
                case "limit" -> {
                    parameter.description("Page size, 1 to " + PageParams.MAX_LIMIT + ".");
                    parameter
                            .getSchema()
                            .minimum(BigDecimal.ONE)
                            .maximum(BigDecimal.valueOf(PageParams.MAX_LIMIT))
                            ._default(PageParams.DEFAULT_LIMIT);
                }
                case "starting_after" ->
                    parameter.description(
                            "Cursor: the id of the last item of the previous page. Omit for the first page.");
                case "id" -> parameter.description(idDescription(path));
                default -> {}
            }
        }
    }

    private static String idDescription(String path) {
        if (path.startsWith("/api/v1/webhooks/deliveries/")) {
            return "Delivery id (whd_…).";
        }
        if (path.startsWith("/api/v1/events/")) {
            return "Event id (evt_…).";
        }
        if (path.startsWith("/api/v1/accounts/")) {
            return "Account id (acct_…).";
        }
        return "Endpoint id (whe_…).";
    }

    private static void addSharedProblems(String path, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean admin = operation.getSecurity() != null
                && operation.getSecurity().stream().anyMatch(requirement -> requirement.containsKey(ADMIN_KEY));
        boolean account = operation.getSecurity() != null
                && operation.getSecurity().stream().anyMatch(requirement -> requirement.containsKey(ACCOUNT_KEY));
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasQuery = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> "query".equals(parameter.getIn()));
        if (hasBody || hasQuery) {
            addProblem(
                    responses,
                    400,
                    "Invalid input: the `param` names the field, query parameter or header.",
                    hasBody ? "invalid_type" : "invalid_limit",
                    hasBody ? "events[1]" : "limit",
                    hasBody
                            ? "events[1] must be a string."
                            : "limit must be a whole number between 1 and 100 (default 20).",
                    path);
        }
        addProblem(
                responses,
                401,
                "No API key (authentication_required), or one that is not valid (invalid_api_key), "
                        + "revoked (api_key_revoked) or past its grace period after a roll (api_key_expired).",
                "authentication_required",
                "Authorization",
                "Send your API key as 'Authorization: Bearer sc_live_...'.",
                path);
        // Either key will do (the event catalog): no key is the wrong kind, so there is no 403.
        if (!(admin && account)) {
            addProblem(
                    responses,
                    403,
                    admin
                            ? "Needs the admin key, not an account key."
                            : "Needs an account key (sc_live_…) — with scope full for anything but GET (insufficient_scope).",
                    admin ? "admin_key_required" : "account_key_required",
                    "Authorization",
                    admin
                            ? "This operation is for SmartComply's own services: use the admin key (WEBHOOKS_ADMIN_KEY)."
                            : "This operation acts on an account's data: use one of the account's sc_live_ API keys.",
                    path);
        }
        if (path.contains("{id}") || path.contains("{key_id}")) {
            addProblem(
                    responses,
                    404,
                    "No such resource in this account.",
                    "resource_missing",
                    "id",
                    "No such resource with id 'whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'.",
                    path);
        }
        addProblem(
                responses,
                429,
                path.endsWith("/test")
                        ? "Over a rate limit: this endpoint's test events (webhooks.limits.test-events, default 60 an hour), "
                                + "the API key's requests, or failed authentications from this address. Retry-After says when to try again."
                        : "Over a rate limit: the API key's requests (webhooks.limits.api-key, default 100 a second in bursts of "
                                + "200), or failed authentications from this address. Retry-After says when to try again.",
                "rate_limited",
                null,
                "Too many requests with this API key (at most 100 per 1 second, in bursts of 200). "
                        + "Try again in 1 s.",
                path);
        responses
                .get("429")
                .addHeaderObject(
                        HttpHeaders.RETRY_AFTER,
                        new Header()
                                .description("Whole seconds to wait before trying again.")
                                .schema(new IntegerSchema()));
        if (hasBody) {
            addProblem(
                    responses,
                    413,
                    "The body is over 1 MiB.",
                    "request_too_large",
                    null,
                    BodySizeLimitFilter.DETAIL,
                    path);
            addProblem(
                    responses,
                    415,
                    "The body is not application/json.",
                    "unsupported_media_type",
                    "Content-Type",
                    "Send the body as application/json.",
                    path);
        }
    }

    /** Success first, then the errors in order of their status. */
    private static void sortByStatus(Operation operation) {
        ApiResponses sorted = new ApiResponses();
        operation.getResponses().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        operation.setResponses(sorted);
    }

    private static void addProblem(
            ApiResponses responses,
            int status,
            String description,
            String code,
            String param,
            String detail,
            String path) {
        String key = Integer.toString(status);
        if (responses.containsKey(key)) {
            return; // the operation documents this status itself
        }
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", path);
        example.put("code", code);
        if (param != null) {
            example.put("param", param);
        }
        responses.addApiResponse(
                key,
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        PROBLEM_JSON,
                                        new MediaType()
                                                .schema(new Schema<>().$ref(PROBLEM_REF))
                                                .addExamples(code, new Example().value(example)))));
    }
}
