package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.DeliveryProperties;
import app.smartcomply.webhooks.delivery.GuardedPost;
import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Offers the engine's guarded client to other features as {@link GuardedPost} — present whether or
 * not this node delivers ({@code webhooks.delivery.enabled}), as the client itself is.
 */
@Configuration(proxyBeanMethods = false)
class GuardedPostConfiguration {

    @Bean
    GuardedPost guardedPost(
            WebhookHttpClient webhookHttpClient,
            DestinationPolicy destinations,
            @Qualifier("attemptDeadlines") ScheduledExecutorService attemptDeadlines,
            DeliveryProperties properties) {
        return new HttpGuardedPost(webhookHttpClient, new ValidatedUrls(destinations), attemptDeadlines, (int)
                properties.maxResponseBody().toBytes());
    }
}
