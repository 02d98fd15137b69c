package app.smartcomply.webhooks.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule that decides what in an error's text looks like a credential, case by case. */
class SecretRedactionTest {

    @Test
    void ourCredentialPrefixesAreRedactedWhateverFollows() {
        assertThat(SecretRedaction.redact("Unknown field 'sc_live_5f2c8e1a9b7d3f6e'."))
                .isEqualTo("Unknown field '[redacted]'.");
        assertThat(SecretRedaction.redact("sc_test_x sc_admin_y whsec_Z SC_LIVE_abc"))
                .isEqualTo("[redacted] [redacted] [redacted] [redacted]");
        assertThat(SecretRedaction.redact("'notice.whsec_k7Lm9PqR'")).isEqualTo("'notice.[redacted]'");
    }

    @Test
    void longRandomLookingTokensAreRedacted() {
        assertThat(SecretRedaction.redact("a Zk9vYmFyQmF6UXV4YWJjZGVmZ2hp b")).isEqualTo("a [redacted] b");
        assertThat(SecretRedaction.redact("ghp_0123456789abcdef0123456789abcdef0123"))
                .isEqualTo("[redacted]");
        assertThat(SecretRedaction.redact("k/7Lm9PqRsTuVwXyZ+a1B2c3D4e5F6g7H=")).isEqualTo("[redacted]");
    }

    @Test
    void theServiceOwnWordsIdsAndPathsStay() {
        String[] kept = {
            "Unknown event type 'notice.craeted'. GET /api/v1/webhooks/event-types lists them.",
            "No endpoint with id 'whe_01a2468245c8a58e63d2178679ee130c'.",
            "Send your API key as 'Authorization: Bearer sc_live_...'.",
            "use one of the account's sc_live_ API keys.",
            "url host must not be an internal_network_address_v4",
            "Unknown field 'evnets'. Allowed: description, events, url."
        };
        for (String text : kept) {
            assertThat(SecretRedaction.redact(text)).isEqualTo(text);
        }
    }

    @Test
    void pathsAreRedactedSegmentBySegmentAndStayValidUris() {
        assertThat(SecretRedaction.redactPath("/api/v1/webhooks/endpoints/sc_live_abc/deliveries"))
                .isEqualTo("/api/v1/webhooks/endpoints/%5Bredacted%5D/deliveries");
        assertThat(ApiProblem.instance("/api/v1/webhooks/endpoints/sc_live_abc"))
                .hasPath("/api/v1/webhooks/endpoints/[redacted]");
        assertThat(SecretRedaction.redactPath("/api/v1/webhooks/endpoints/whe_01a2468245c8a58e63d2178679ee130c"))
                .isEqualTo("/api/v1/webhooks/endpoints/whe_01a2468245c8a58e63d2178679ee130c");
        assertThat(ApiProblem.instance(null)).isNull();
    }
}
