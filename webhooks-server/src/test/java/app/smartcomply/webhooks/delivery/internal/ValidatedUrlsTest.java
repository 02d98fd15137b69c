package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The SSRF guard's verdict per URL, remembered: the same verdict as asking the guard each time. */
class ValidatedUrlsTest {

    @Test
    void productionRefusesWhatDevModeAllowedAndSaysWhy() {
        ValidatedUrls production = new ValidatedUrls(new DestinationPolicy(false));
        ValidatedUrls dev = new ValidatedUrls(new DestinationPolicy(true));
        String savedInDevMode = "http://127.0.0.1:9000/hooks?token=secret-token";
        for (int i = 0; i < 2; i++) { // the first verdict and the remembered one
            assertThat(production.check(savedInDevMode))
                    .isInstanceOfSatisfying(
                            ValidatedUrls.Refused.class,
                            refused -> assertThat(refused.reason())
                                    .startsWith("Refused by the SSRF guard: ")
                                    .doesNotContain("secret-token"));
            assertThat(dev.check(savedInDevMode)).isEqualTo(new ValidatedUrls.Allowed(URI.create(savedInDevMode)));
        }
    }

    @Test
    void anAllowedUrlIsTheGuardsNormalizedForm() {
        ValidatedUrls urls = new ValidatedUrls(new DestinationPolicy(false));
        assertThat(urls.check("HTTPS://Example.COM:443/hooks"))
                .isEqualTo(new ValidatedUrls.Allowed(URI.create("https://example.com/hooks")));
    }

    @Test
    void memoryStaysBounded() {
        ValidatedUrls urls = new ValidatedUrls(new DestinationPolicy(false));
        for (int i = 0; i <= ValidatedUrls.MAX_ENTRIES + 10; i++) {
            assertThat(urls.check("https://example.com/e/" + i)).isInstanceOf(ValidatedUrls.Allowed.class);
        }
        assertThat(urls.size()).isLessThanOrEqualTo(ValidatedUrls.MAX_ENTRIES);
    }
}
