package app.smartcomply.webhooks.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.media.JsonSchema;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/** An endpoint's {@code rate_limit} on the wire, in a request and in an answer. */
@Schema(name = "RateLimit", description = "At most per_second requests to the endpoint in any one second.")
record RateLimitView(
        @Schema(requiredMode = REQUIRED, minimum = "1", maximum = "10000", example = "10")
        int perSecond) {

    /**
     * Adds JSON null to every {@code rate_limit} property's {@code oneOf} in the API reference:
     * swagger-core cannot mark a property of a schema of its own as nullable, and null is what
     * stands for "no limit".
     */
    static OpenApiCustomizer nullableInReference() {
        return openApi -> openApi.getComponents().getSchemas().values().forEach(schema -> {
            Map<String, io.swagger.v3.oas.models.media.Schema> properties = schema.getProperties();
            if (properties == null) {
                return;
            }
            io.swagger.v3.oas.models.media.Schema<?> property = properties.get("rate_limit");
            if (property != null
                    && property.getOneOf() != null
                    && property.getOneOf().size() == 1) {
                property.addOneOfItem(new JsonSchema().types(Set.of("null")));
            }
        });
    }

    /** The view of a stored limit; null for none. */
    static RateLimitView of(Integer perSecond) {
        return perSecond == null ? null : new RateLimitView(perSecond);
    }
}
