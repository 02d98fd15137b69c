package app.smartcomply.webhooks.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The interactive API reference (Swagger UI at /swagger-ui.html) and its two ways to authenticate. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String ACCOUNT_KEY = "accountKey";
  static final String ADMIN_KEY = "adminKey";

  @Bean
  OpenAPI webhooksOpenApi(@Value("${webhooks.version:dev}") String version) {
    return new OpenAPI()
        .info(new Info()
            .title("SmartComply Webhooks API")
            .version(version)
            .description("Register endpoints, inspect deliveries, and (for SmartComply services) publish events. "
                + "Errors are application/problem+json with a machine `code` and, for input errors, the "
                + "offending `param`."))
        .components(new Components()
            .addSecuritySchemes(ACCOUNT_KEY, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("sc_live_…")
                .description("An account's API key: Authorization: Bearer sc_live_…"))
            .addSecuritySchemes(ADMIN_KEY, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("admin key")
                .description("The platform key (WEBHOOKS_ADMIN_KEY) of SmartComply's own services.")));
  }
}
