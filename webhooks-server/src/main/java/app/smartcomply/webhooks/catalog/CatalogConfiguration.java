package app.smartcomply.webhooks.catalog;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalog is read and checked once at start-up; a broken catalog stops the start. With {@code
 * webhooks.catalog} ({@code WEBHOOKS_CATALOG}) set to a directory, the types its files define are
 * added to the built-in ones ({@link CatalogDirectoryReader} gives the file format).
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    @Bean
    EventCatalog eventCatalog(@Value("${webhooks.catalog:}") String directory) {
        return directory.isBlank()
                ? EventCatalog.loadDefault()
                : EventCatalog.loadWithDirectory(Path.of(directory.strip()));
    }
}
