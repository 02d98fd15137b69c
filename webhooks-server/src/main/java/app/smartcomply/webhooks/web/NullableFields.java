package app.smartcomply.webhooks.web;

import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Writes {@code @Schema(nullable = true)} the way OpenAPI 3.1 says it: the document is 3.1, where
 * {@code nullable} no longer exists and swagger-core drops it, so a field that may be null gets
 * {@code "null"} among its types — which client generators read as "may be null".
 */
@Component
class NullableFields implements OpenApiCustomizer {

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
            Map<String, Schema> properties = schema.getProperties();
            if (properties == null) {
                continue;
            }
            for (Schema<?> property : properties.values()) {
                if (Boolean.TRUE.equals(property.getNullable())) {
                    property.addType("null");
                    if (property.getType() != null) {
                        property.addType(property.getType());
                    }
                }
            }
        }
    }
}
