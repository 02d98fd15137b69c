package app.smartcomply.webhooks.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalog is read and checked once at start-up; a broken catalog stops the start. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

  @Bean
  EventCatalog eventCatalog() {
    return EventCatalog.loadDefault();
  }
}
