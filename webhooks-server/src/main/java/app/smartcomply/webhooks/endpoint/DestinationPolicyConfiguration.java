package app.smartcomply.webhooks.endpoint;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Production refuses plain HTTP and internal targets; {@code --dev} allows both. */
@Configuration(proxyBeanMethods = false)
class DestinationPolicyConfiguration {

    @Bean
    DestinationPolicy destinationPolicy(@Value("${webhooks.dev-mode:false}") boolean devMode) {
        return new DestinationPolicy(devMode);
    }
}
