package app.smartcomply.webhooks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * SmartComply Webhooks: delivers every event SmartComply publishes to every subscribed customer
 * endpoint, signed, retried for days, dead-lettered when hopeless, every attempt logged.
 *
 * <p>Packages are features (account, endpoint, event, delivery) over a shared {@code store}; the
 * {@code web} package is the HTTP face of them. {@code ModuleBoundariesTest} keeps the arrows
 * pointing one way.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebhooksApplication {

  public static void main(String[] args) {
    SpringApplication.run(WebhooksApplication.class, args);
  }
}
