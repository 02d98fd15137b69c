package app.smartcomply.webhooks;

import app.smartcomply.webhooks.cli.WebhooksCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * SmartComply Webhooks: delivers every event SmartComply publishes to every subscribed customer
 * endpoint, signed, retried for days, dead-lettered when hopeless, every attempt logged.
 *
 * <p>Packages are features (account, endpoint, event, delivery) over a shared {@code store}; the
 * {@code web} package is the HTTP face of them. {@code ModuleBoundariesTest} keeps the arrows
 * pointing one way.
 *
 * <p>{@link #main} is also the {@code ./webhooks} command line ({@link WebhooksCli#run}): with no
 * arguments, or only {@code --name=value} properties, it starts the service as it always did.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebhooksApplication {

    public static void main(String[] args) {
        WebhooksCli.run(args);
    }
}
