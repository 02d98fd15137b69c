package app.smartcomply.webhooks.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Turns the rate limits off for a {@link WebhooksAppTest} that sends hundreds of requests with one
 * key (fuzzing, hostile-input corpora). Its clock does not move by itself, so no bucket ever
 * refills: past the first burst every request would be a 429 — still a well-formed 4xx problem, so
 * such a test would go on passing while its later inputs reach nothing. The limits are tested on
 * their own (web/RateLimitsApiTest, dashboard/SignInLimitsTest). The endpoint cap stays on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(
        properties = {
            "webhooks.limits.api-key.requests=0",
            "webhooks.limits.failed-authentications.requests=0",
            "webhooks.limits.sign-in.requests=0",
            "webhooks.limits.test-events.requests=0"
        })
public @interface WithoutRateLimits {}
