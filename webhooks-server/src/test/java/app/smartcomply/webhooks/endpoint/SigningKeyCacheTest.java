package app.smartcomply.webhooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's batch read of signing secrets also reads the batch's {@code v1a} keys, so that an
 * attempt signs from memory: what the store holds after that read is not consulted again until
 * the keys are {@value SigningKeyCache#FRESH_FOR_MS} ms old.
 */
class SigningKeyCacheTest extends WebhooksAppTest {

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EndpointsForDelivery forDelivery;

    @Autowired
    AsymmetricSigning signing;

    @Test
    void theBatchReadOfSecretsBringsTheKeysThatAttemptsThenSignWith() {
        ApiClient api = api();
        String key = api.createAccount(ADMIN_KEY, "Key Memory Co " + System.nanoTime())
                .text("api_key");
        String signed = createEndpoint(api, key, true);
        String plain = createEndpoint(api, key, false);
        clock.advance(Duration.ofMillis(SigningKeyCache.FRESH_FOR_MS)); // what creating them remembered is stale

        forDelivery.signingSecrets(List.of(signed, plain));
        // Taken from under the memory: an attempt that still signs read its keys with the batch.
        jdbc.sql("DELETE FROM endpoint_signing_keys WHERE endpoint_id = ?")
                .param(signed)
                .update();

        assertThat(signing.v1aEntries(signed, "evt_1", 1_700_000_000L, BODY)).startsWith("v1a,");
        assertThat(signing.v1aEntries(plain, "evt_1", 1_700_000_000L, BODY)).isEmpty();

        clock.advance(Duration.ofMillis(SigningKeyCache.FRESH_FOR_MS));
        assertThat(signing.v1aEntries(signed, "evt_2", 1_700_000_005L, BODY))
                .as("read again once stale: the keys are gone from the store")
                .isEmpty();
    }

    private static String createEndpoint(ApiClient api, String key, boolean asymmetric) {
        return ApiClient.expect(
                        201,
                        api.post(
                                "/api/v1/webhooks/endpoints",
                                key,
                                "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"test.submitted\"],"
                                        + "\"asymmetric_signing\":" + asymmetric + "}"))
                .text("id");
    }
}
