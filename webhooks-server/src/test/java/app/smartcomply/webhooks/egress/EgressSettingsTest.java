package app.smartcomply.webhooks.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WEBHOOKS_EGRESS_PROXY and WEBHOOKS_EGRESS_IPS are checked when the service starts. */
class EgressSettingsTest {

    @Test
    void unsetMeansDirectConnectionsAndNoPublishedAddresses() {
        EgressSettings none = new EgressSettings("", "");
        assertThat(none.proxy()).isEmpty();
        assertThat(none.ips()).isEmpty();
    }

    @Test
    void aProxyAndAddressesAreReadInCanonicalForm() {
        EgressSettings set =
                new EgressSettings(" http://egress.internal:4750/ ", "203.0.113.7,198.51.100.0/28, 2001:DB8::1");
        assertThat(set.proxy()).contains(URI.create("http://egress.internal:4750"));
        assertThat(set.ips()).containsExactly("203.0.113.7", "198.51.100.0/28", "2001:db8:0:0:0:0:0:1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "egress.internal:4750",
                "https://egress.internal:4750",
                "http://egress.internal",
                "http://user:pw@egress.internal:4750",
                "http://egress.internal:4750/path",
                "http://egress.internal:4750?x=1"
            })
    void aProxyThatIsNotHttpHostPortStopsTheStart(String proxy) {
        assertThatThrownBy(() -> new EgressSettings(proxy, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBHOOKS_EGRESS_PROXY")
                .hasMessageNotContaining("pw");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com",
                "cafe",
                "203.0.113.7/33",
                "2001:db8::/129",
                "203.0.113.7/x",
                "300.1.2.3",
                "203.0.113.7/"
            })
    void anAddressThatIsNotAnIpOrCidrStopsTheStart(String ips) {
        assertThatThrownBy(() -> new EgressSettings("", "203.0.113.8," + ips))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBHOOKS_EGRESS_IPS");
    }
}
