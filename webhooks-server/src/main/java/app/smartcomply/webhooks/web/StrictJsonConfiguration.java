package app.smartcomply.webhooks.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/**
 * The service's JSON mapper refuses an object with the same key twice: a request body with
 * duplicate keys is a 400 {@code invalid_json}. Otherwise the last value would silently win —
 * {@code {"account_id": "a", "account_id": "b"}} means one thing to a proxy or log that reads the
 * first and another to the service — and a batch's {@code "events"} given twice would drop the
 * first list without a word.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer refuseDuplicateKeys() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
