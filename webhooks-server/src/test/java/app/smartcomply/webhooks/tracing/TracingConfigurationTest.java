package app.smartcomply.webhooks.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the standard OpenTelemetry settings turn tracing on, and when they leave it off. */
class TracingConfigurationTest {

    @Test
    void offWithoutAnExporter() {
        assertThat(TracingConfiguration.enabled(Map.<String, String>of()::get)).isFalse();
        // A service name alone exports nothing: it must not start an exporter that fails on localhost.
        assertThat(TracingConfiguration.enabled(Map.of("otel.service.name", "webhooks")::get))
                .isFalse();
        assertThat(TracingConfiguration.enabled(Map.of("otel.exporter.otlp.endpoint", " ")::get))
                .isFalse();
    }

    @Test
    void onWithAnOtlpEndpointOrANamedExporter() {
        assertThat(TracingConfiguration.enabled(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318")::get))
                .isTrue();
        assertThat(TracingConfiguration.enabled(
                        Map.of("otel.exporter.otlp.traces.endpoint", "http://c:4318/v1/traces")::get))
                .isTrue();
        assertThat(TracingConfiguration.enabled(Map.of("otel.traces.exporter", "otlp")::get))
                .isTrue();
    }

    @Test
    void offWhenDisabledOrTheExporterIsNone() {
        assertThat(TracingConfiguration.enabled(Map.of(
                        "otel.sdk.disabled", "true", "otel.exporter.otlp.endpoint", "http://collector:4318")::get))
                .isFalse();
        assertThat(TracingConfiguration.enabled(Map.of(
                        "otel.traces.exporter", "none", "otel.exporter.otlp.endpoint", "http://collector:4318")::get))
                .isFalse();
    }
}
