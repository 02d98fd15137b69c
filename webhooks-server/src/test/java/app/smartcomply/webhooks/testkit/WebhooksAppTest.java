package app.smartcomply.webhooks.testkit;

import app.smartcomply.webhooks.delivery.internal.DeliveryEngine;
import app.smartcomply.webhooks.delivery.internal.DispatchSignal;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the whole service in-process: a real Tomcat on a random port, a real
 * SQLite file in a fresh temporary directory, the real delivery engine — and a {@link
 * MutableClock} in place of the system clock, so tests step time instead of sleeping.
 *
 * <p>Dev mode is on (loopback receivers are allowed); the admin key is {@link #ADMIN_KEY}. Each
 * test class gets its own context and database.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "webhooks.dev-mode=true",
            "webhooks.admin-key=" + WebhooksAppTest.ADMIN_KEY,
            "webhooks.delivery.poll-interval=50ms"
        })
@Import(WebhooksAppTest.SteppedTime.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class WebhooksAppTest {

    public static final String ADMIN_KEY = "sc_admin_test_0123456789abcdef";

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected DispatchSignal dispatchSignal;

    @Autowired(required = false)
    private DeliveryEngine deliveryEngine;

    @Autowired
    private MeterRegistry meterRegistry;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("webhooks-test-");
        registry.add("webhooks.store.data-dir", dir::toString);
    }

    protected ApiClient api() {
        return ApiClient.onPort(port);
    }

    /**
     * The engine, stepped by hand: {@code engine().advance(d)} steps the clock, runs what is due and
     * returns once its attempts are recorded.
     */
    protected ManualEngine engine() {
        if (deliveryEngine == null) {
            throw new IllegalStateException("This test runs without a delivery engine");
        }
        return new ManualEngine(deliveryEngine, clock, meterRegistry);
    }

    /** Steps the service's clock and wakes the engine to look for what became due. */
    protected void advance(java.time.Duration duration) {
        clock.advance(duration);
        dispatchSignal.fire();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SteppedTime {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return MutableClock.startingNow();
        }
    }
}
