package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.endpoint.EndpointRateLimitChanged;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A rate limit set, changed or removed on this node applies here from the commit on — before the
 * first delivery published to the endpoint — rather than at the next periodic read ({@link
 * EndpointRates#refresh}). Other nodes read it within {@link EndpointRates#REFRESH_MS}.
 */
@Component
class RefreshRateLimits {

    private final ObjectProvider<EndpointRates> rates;

    RefreshRateLimits(ObjectProvider<EndpointRates> rates) {
        this.rates = rates;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(EndpointRateLimitChanged changed) {
        rates.ifAvailable(EndpointRates::refresh);
    }
}
