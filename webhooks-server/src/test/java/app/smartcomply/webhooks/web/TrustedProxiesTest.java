package app.smartcomply.webhooks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading WEBHOOKS_TRUSTED_PROXIES and RFC 7239 Forwarded headers. */
class TrustedProxiesTest {

    @Test
    void addressesAndRangesAreReadAndSingleAddressesBecomeRanges() {
        assertThat(TrustedProxies.parse("")).isEmpty();
        assertThat(TrustedProxies.parse(" 10.0.0.0/8 , 192.0.2.7,2001:db8::1 ,2001:db8::/32"))
                .containsExactly("10.0.0.0/8", "192.0.2.7/32", "2001:db8::1/128", "2001:db8::/32");
    }

    @Test
    void anythingButAnAddressOrRangeStopsTheStartWithItsName() {
        for (String wrong : new String[] {"lb.internal", "10.0.0.0/99", "300.1.1.1", "*"}) {
            assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1," + wrong))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("WEBHOOKS_TRUSTED_PROXIES")
                    .hasMessageContaining(wrong);
        }
    }

    @Test
    void theNearestForwardedElementSaysTheProtocol() {
        assertThat(TrustedProxies.ForwardedProtoValve.protoOfLastElement("for=192.0.2.60;proto=https;by=203.0.113.43"))
                .isEqualTo("https");
        assertThat(TrustedProxies.ForwardedProtoValve.protoOfLastElement(
                        "proto=http, for=198.51.100.1;Proto=\"HTTPS\""))
                .isEqualTo("https");
        assertThat(TrustedProxies.ForwardedProtoValve.protoOfLastElement("proto=https, for=198.51.100.1"))
                .isNull();
        assertThat(TrustedProxies.ForwardedProtoValve.protoOfLastElement("proto=gopher"))
                .isNull();
    }
}
