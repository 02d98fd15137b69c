package app.smartcomply.webhooks.limits;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The token buckets on their own: bounded in number, on the injected clock, and what they answer. */
class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void keysRotatedWithoutEndKeepTheNumberOfBucketsBoundedAndTheHammeringKeyRefused() {
        RateLimiter limiter = new RateLimiter(new Rate(10L, Duration.ofMinutes(1), 10L), 100, clock);
        while (limiter.tryAcquire("203.0.113.7").allowed()) {
            // the one client hammering uses up its bucket
        }

        for (int i = 0; i < 50_000; i++) {
            limiter.spend("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(100);
            if (i % 100 == 0) {
                // A stream of one-off keys does not push out the key still in use, so it cannot reset itself.
                assertThat(limiter.tryAcquire("203.0.113.7").allowed())
                        .as("after %d other keys", i)
                        .isFalse();
            }
        }
    }

    @Test
    void aBucketRefillsAsTheClockIsSteppedAndSaysHowLongToWaitInWholeSeconds() {
        RateLimiter limiter = new RateLimiter(new Rate(3L, Duration.ofMinutes(1), 3L), 10, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("k").allowed()).isTrue();
        }
        RateLimiter.Verdict refused = limiter.tryAcquire("k");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));

        clock.advance(Duration.ofMillis(19_500));
        assertThat(limiter.tryAcquire("k").retryAfter())
                .as("half a second left rounds up")
                .isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire("k").allowed()).isTrue();
    }

    @Test
    void failuresCountOnlyWhenSpentAndRefusingUsesNoToken() {
        RateLimiter limiter = new RateLimiter(new Rate(2L, Duration.ofMinutes(1), 2L), 10, clock);
        assertThat(limiter.refusing("ip")).isEmpty();
        assertThat(limiter.trackedKeys()).as("looking creates no bucket").isZero();
        limiter.spend("ip");
        assertThat(limiter.refusing("ip")).isEmpty();
        assertThat(limiter.refusing("ip")).isEmpty();
        limiter.spend("ip");
        assertThat(limiter.refusing("ip")).contains(Duration.ofSeconds(30));
        limiter.spend("ip"); // nothing left to spend: still one token short, not more
        clock.advance(Duration.ofSeconds(30));
        assertThat(limiter.refusing("ip")).isEmpty();
    }

    @Test
    void anUnusedBucketIsForgottenOnceItWouldBeFullAgain() {
        RateLimiter limiter = new RateLimiter(new Rate(10L, Duration.ofSeconds(10), 10L), 10, clock);
        limiter.tryAcquire("once");
        assertThat(limiter.trackedKeys()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(12));
        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void anUnlimitedRateAllowsEverythingAndKeepsNothing() {
        RateLimiter limiter = new RateLimiter(new Rate(0L, Duration.ofSeconds(1), 0L), 10, clock);
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.tryAcquire("admin").allowed()).isTrue();
        }
        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() {
        assertThat(ClientAddress.key("2001:db8:1:2:3:4:5:6"))
                .isEqualTo(ClientAddress.key("2001:db8:1:2:ffff::1"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.key("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.key("2001:db8:1:2::1"));
        assertThat(ClientAddress.key("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.key("::1")).isEqualTo("0:0:0:0::/64");
    }
}
