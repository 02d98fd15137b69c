package app.smartcomply.webhooks.store;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one source of time. Everything that schedules, leases or timestamps takes this {@link
 * Clock}; tests replace it with a clock they step, so no test sleeps to make time pass.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PrefixedIds prefixedIds(Clock clock) {
        return new PrefixedIds(clock);
    }
}
