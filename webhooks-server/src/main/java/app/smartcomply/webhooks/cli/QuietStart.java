package app.smartcomply.webhooks.cli;

import app.smartcomply.webhooks.WebhooksApplication;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.PropertySource;

/**
 * A start-up that prints the banner last: Spring's and the service's INFO lines while starting are
 * held back (warnings and errors still show), and once the service is ready the root level goes
 * back to INFO, so everything after the banner is logged as usual.
 *
 * <p>Only a default: a {@code logging.level.root} set anywhere else ({@code LOGGING_LEVEL_ROOT},
 * {@code --logging.level.root=…}) wins and is left alone.
 */
final class QuietStart {

    static final String ROOT_LEVEL = "logging.level.root";

    private QuietStart() {}

    static SpringApplication application() {
        SpringApplication application = new SpringApplication(WebhooksApplication.class);
        application.setDefaultProperties(Map.of(
                ROOT_LEVEL,
                "WARN",
                // "API docs are enabled by default" at every start: they are, on purpose (README).
                "logging.level.org.springdoc.core.events.SpringDocAppInitializer",
                "ERROR"));
        application.addListeners((ApplicationListener<ApplicationReadyEvent>) QuietStart::restore);
        return application;
    }

    private static void restore(ApplicationReadyEvent ready) {
        for (PropertySource<?> source :
                ready.getApplicationContext().getEnvironment().getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
                    || !source.containsProperty(ROOT_LEVEL)) {
                continue;
            }
            if (source.getName().equals("defaultProperties")) {
                ready.getApplicationContext()
                        .getBean(LoggingSystem.class)
                        .setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
            }
            return;
        }
    }
}
