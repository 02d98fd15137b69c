package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * The limits on what a receiver's answer may make the service read, as an operator sets them
 * ({@code webhooks.delivery.max-response-*}): defaults, and no setting that would lift a limit.
 */
class ResponseLimitPropertiesTest {

    @Test
    void defaultsAre8KibPerLine100HeadersAnd64KibInAll() {
        DeliveryProperties defaults = bind(Map.of());

        assertThat(defaults.maxResponseHeaderLine()).isEqualTo(DataSize.ofKilobytes(8));
        assertThat(defaults.maxResponseHeaders()).isEqualTo(100);
        assertThat(defaults.maxResponseHeaderBytes()).isEqualTo(DataSize.ofKilobytes(64));
    }

    @Test
    void operatorsCanChangeThem() {
        DeliveryProperties set = bind(Map.of(
                "webhooks.delivery.max-response-header-line", "16KB",
                "webhooks.delivery.max-response-headers", "200",
                "webhooks.delivery.max-response-header-bytes", "128KB"));

        assertThat(set.maxResponseHeaderLine()).isEqualTo(DataSize.ofKilobytes(16));
        assertThat(set.maxResponseHeaders()).isEqualTo(200);
        assertThat(set.maxResponseHeaderBytes()).isEqualTo(DataSize.ofKilobytes(128));
    }

    @Test
    void zeroWhichHttpClientWouldTakeAsNoLimitIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("webhooks.delivery.max-response-headers", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("max-response-headers");
        assertThatThrownBy(() -> bind(Map.of("webhooks.delivery.max-response-header-line", "0B")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void aTotalSmallerThanOneLineIsRefused() {
        assertThatThrownBy(() -> bind(Map.of(
                        "webhooks.delivery.max-response-header-line", "16KB",
                        "webhooks.delivery.max-response-header-bytes", "8KB")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("max-response-header-bytes");
    }

    private static DeliveryProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("webhooks.delivery", DeliveryProperties.class);
    }
}
