package app.smartcomply.webhooks.tracing;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Turns tracing on from the standard OpenTelemetry settings — the {@code OTEL_*} environment
 * variables, or the same names as properties ({@code otel.exporter.otlp.endpoint}, …) — and leaves
 * it off otherwise.
 *
 * <p>On when an exporter is named: {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, or {@code OTEL_TRACES_EXPORTER} other than {@code none};
 * and not when {@code OTEL_SDK_DISABLED=true}. Off, no SDK is built: nothing exports, nothing
 * logs, no header is added. On, the OpenTelemetry SDK's own autoconfiguration reads every
 * {@code OTEL_*} variable as the specification defines them; the service only changes a few
 * defaults: the service name is {@code smartcomply-webhooks}, the protocol is {@code
 * http/protobuf} (the only one it ships a sender for: {@code grpc} fails at startup), and metrics
 * and logs are not exported (metrics are on /actuator/prometheus).
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TracingConfiguration.class);

    /** Settings read from Spring's environment too (so they work as properties in tests and files). */
    static final List<String> SETTINGS = List.of(
            "otel.sdk.disabled",
            "otel.service.name",
            "otel.resource.attributes",
            "otel.traces.exporter",
            "otel.metrics.exporter",
            "otel.logs.exporter",
            "otel.propagators",
            "otel.traces.sampler",
            "otel.traces.sampler.arg",
            "otel.exporter.otlp.endpoint",
            "otel.exporter.otlp.traces.endpoint",
            "otel.exporter.otlp.protocol",
            "otel.exporter.otlp.traces.protocol",
            "otel.exporter.otlp.headers",
            "otel.exporter.otlp.timeout",
            "otel.bsp.schedule.delay",
            "otel.bsp.max.queue.size");

    @Bean
    Tracing tracing(Environment environment) {
        if (!enabled(environment::getProperty)) {
            return Tracing.off();
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("otel.service.name", environment.getProperty("spring.application.name", "smartcomply-webhooks"));
        settings.put("otel.metrics.exporter", "none");
        settings.put("otel.logs.exporter", "none");
        // OTLP over HTTP (port 4318), the specification's default; the Java SDK's own default is gRPC,
        // which would need another HTTP stack (OkHttp or grpc-java) on the class path.
        settings.put("otel.exporter.otlp.protocol", "http/protobuf");
        for (String key : SETTINGS) {
            String value = environment.getProperty(key);
            if (value != null && !value.isBlank()) {
                settings.put(key, value);
            }
        }
        // The SDK reads OTEL_* environment variables and otel.* system properties itself, over these.
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> settings)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        log.info("Tracing on: exporting spans as {}", settings.getOrDefault("otel.service.name", "?"));
        return Tracing.on(sdk, sdk::close);
    }

    /** Whether an exporter is configured and the SDK is not disabled. */
    static boolean enabled(UnaryOperator<String> setting) {
        if ("true".equalsIgnoreCase(setting.apply("otel.sdk.disabled"))) {
            return false;
        }
        String exporter = setting.apply("otel.traces.exporter");
        if (exporter != null && !exporter.isBlank()) {
            return !exporter.strip().equals("none");
        }
        return notBlank(setting.apply("otel.exporter.otlp.endpoint"))
                || notBlank(setting.apply("otel.exporter.otlp.traces.endpoint"));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
