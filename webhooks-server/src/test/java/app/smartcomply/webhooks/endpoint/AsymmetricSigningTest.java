package app.smartcomply.webhooks.endpoint;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import app.smartcomply.webhooks.signature.AsymmetricWebhookVerifier;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.DeliveryLogReader;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Received;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Standard Webhooks {@code v1a}: an endpoint that opts in gets an Ed25519 signature beside the
 * HMAC on every delivery, verifiable with its published public key by the JDK and by Node —
 * before, during and after a key rotation. On SQLite here, on PostgreSQL in the subclass.
 */
class AsymmetricSigningTest extends WebhooksAppTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;

    @Test
    void deliveriesCarryV1aThatTheJdkAndNodeVerifyAcrossARotation() throws Exception {
        ApiClient api = api();
        try (TestReceiver receiver = TestReceiver.start()) {
            Answer account = api.createAccount(ADMIN_KEY, "Signing Co");
            String key = account.text("api_key");
            Answer endpoint = ApiClient.expect(
                    201,
                    api.post(
                            "/api/v1/webhooks/endpoints",
                            key,
                            "{\"url\":\"" + receiver.url()
                                    + "\",\"events\":[\"test.submitted\"],\"asymmetric_signing\":true}"));
            String id = endpoint.text("id");
            String secret = endpoint.text("signing_secret");
            String oldKey = endpoint.text("public_key");
            assertThat(endpoint.json().get("asymmetric_signing").asBoolean()).isTrue();
            assertThat(oldKey).matches("whpk_[A-Za-z0-9+/]{43}=");
            assertThat(ApiClient.expect(200, api.get("/api/v1/webhooks/endpoints/" + id, key))
                            .text("public_key"))
                    .isEqualTo(oldKey);

            // Before: v1 then v1a, space-separated; the HMAC still verifies as before.
            Received before = deliver(api, account.text("id"), receiver, 1, key);
            String[] entries = before.header("webhook-signature").split(" ");
            assertThat(entries).hasSize(2);
            assertThat(entries[0]).startsWith("v1,");
            assertThat(entries[1]).startsWith("v1a,");
            assertThat(jdkVerifies(oldKey, before, entries[1])).isTrue();
            assertOurVerifierAccepts(before, oldKey);
            assertThatCode(() -> WebhookVerifier.withSecret(SigningSecret.parse(secret))
                            .withClock(clock)
                            .verifyStandardWebhooks(
                                    before.header("webhook-id"),
                                    before.header("webhook-timestamp"),
                                    before.header("webhook-signature"),
                                    before.body()))
                    .doesNotThrowAnyException();
            JsonNode jwks = publicJwks(api, endpoint.text("jwks_url"));
            assertThat(jwks.get("keys")).hasSize(1);
            JsonNode jwk = jwks.get("keys").get(0);
            assertThat(jwk.get("kty").asString()).isEqualTo("OKP");
            assertThat(jwk.get("crv").asString()).isEqualTo("Ed25519");
            assertThat(Base64.getUrlDecoder().decode(jwk.get("x").asString()))
                    .isEqualTo(Base64.getDecoder().decode(oldKey.substring(5)));
            String oldKid = jwk.get("kid").asString();
            assertThat(NodeV1aVerifier.verifiedKeyIds(jwks, before)).containsExactly(oldKid);

            // Rotate with a one-hour grace period: both keys sign, the old one's entry first.
            Answer rotated = ApiClient.expect(
                    200,
                    api.post(
                            "/api/v1/webhooks/endpoints/" + id + "/rotate-signing-key",
                            key,
                            "{\"grace_period_seconds\": 3600}"));
            String newKey = rotated.text("public_key");
            assertThat(newKey).startsWith("whpk_").isNotEqualTo(oldKey);
            Answer afterRotation = ApiClient.expect(200, api.get("/api/v1/webhooks/endpoints/" + id, key));
            assertThat(afterRotation.text("public_key")).isEqualTo(newKey);
            assertThat(afterRotation.text("jwks_url"))
                    .as("the key set keeps its URL")
                    .isEqualTo(endpoint.text("jwks_url"));
            Received during = deliver(api, account.text("id"), receiver, 2, key);
            List<String> v1as = v1aEntries(during);
            assertThat(v1as).hasSize(2);
            assertThat(jdkVerifies(oldKey, during, v1as.get(0))).isTrue();
            assertThat(jdkVerifies(newKey, during, v1as.get(1))).isTrue();
            assertOurVerifierAccepts(during, oldKey);
            assertOurVerifierAccepts(during, newKey);
            JsonNode bothKeys = publicJwks(api, endpoint.text("jwks_url"));
            assertThat(bothKeys.get("keys")).hasSize(2);
            String newKid = bothKeys.get("keys").get(1).get("kid").asString();
            assertThat(NodeV1aVerifier.verifiedKeyIds(bothKeys, during)).containsExactly(oldKid, newKid);

            // After the grace period: the new key alone signs, and the JWKS lists it alone.
            new DeliveryLogReader(api, key).awaitAttempts(during.header("webhook-id"), 1, TIMEOUT);
            advance(Duration.ofSeconds(3601));
            Received after = deliver(api, account.text("id"), receiver, 3, key);
            assertThat(v1aEntries(after)).hasSize(1);
            assertThat(jdkVerifies(newKey, after, v1aEntries(after).get(0))).isTrue();
            assertThat(jdkVerifies(oldKey, after, v1aEntries(after).get(0))).isFalse();
            JsonNode newOnly = publicJwks(api, endpoint.text("jwks_url"));
            assertThat(newOnly.get("keys")).hasSize(1);
            assertThat(NodeV1aVerifier.verifiedKeyIds(newOnly, after)).containsExactly(newKid);
            assertThat(NodeV1aVerifier.verifiedKeyIds(jwks, after))
                    .as("the retired key verifies nothing")
                    .containsExactly("none");

            // Opting out: no v1a any more, no public key, and the public key set is gone.
            new DeliveryLogReader(api, key).awaitAttempts(after.header("webhook-id"), 1, TIMEOUT);
            Answer off = ApiClient.expect(
                    200, api.patch("/api/v1/webhooks/endpoints/" + id, key, "{\"asymmetric_signing\": false}"));
            assertThat(off.json().get("asymmetric_signing").asBoolean()).isFalse();
            assertThat(off.text("public_key")).isNull();
            Received unsigned = deliver(api, account.text("id"), receiver, 4, key);
            assertThat(unsigned.header("webhook-signature")).startsWith("v1,").doesNotContain("v1a,");
            assertProblem(api.get(path(endpoint.text("jwks_url")), null), 404, "resource_missing", "jwks_id");
        }
    }

    @Test
    void theKeyIsOffUnlessAskedForAndItsPrivateHalfIsEncryptedAtRest() {
        ApiClient api = api();
        try (TestReceiver receiver = TestReceiver.start()) {
            Answer account = api.createAccount(ADMIN_KEY, "Plain Co");
            String key = account.text("api_key");
            Answer plain = api.createEndpoint(key, receiver.url(), "test.submitted");
            assertThat(plain.json().get("asymmetric_signing").asBoolean()).isFalse();
            assertThat(plain.text("public_key")).isNull();
            assertThat(plain.text("jwks_url")).isNull();
            Received delivery = deliver(api, account.text("id"), receiver, 1, key);
            assertThat(delivery.header("webhook-signature")).doesNotContain("v1a,");
            assertProblem(
                    api.post("/api/v1/webhooks/endpoints/" + plain.text("id") + "/rotate-signing-key", key, "{}"),
                    409,
                    "asymmetric_signing_disabled",
                    "asymmetric_signing");
            assertThat(ApiClient.expect(
                                    200, api.get("/api/v1/webhooks/endpoints/" + plain.text("id") + "/jwks.json", key))
                            .json()
                            .get("keys"))
                    .isEmpty();

            Answer on = ApiClient.expect(
                    200,
                    api.patch("/api/v1/webhooks/endpoints/" + plain.text("id"), key, "{\"asymmetric_signing\": true}"));
            String stored = jdbc.sql("SELECT private_key FROM endpoint_signing_keys WHERE endpoint_id = ?")
                    .param(plain.text("id"))
                    .query(String.class)
                    .single();
            assertThat(stored).startsWith("v1:");
            // PKCS#8 of an Ed25519 key starts with these bytes; the stored form must not be it in clear.
            byte[] sealed = Base64.getDecoder().decode(stored.substring(3));
            assertThat(HexFormat.of().formatHex(sealed)).doesNotContain("302e020100300506032b6570");
            assertThat(ApiClient.expect(
                                    200, api.get("/api/v1/webhooks/endpoints/" + plain.text("id") + "/jwks.json", key))
                            .json()
                            .get("keys")
                            .get(0)
                            .get("x")
                            .asString())
                    .isEqualTo(Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(Base64.getDecoder()
                                    .decode(on.text("public_key").substring(5))));
        }
    }

    @Test
    void badValuesAndStrangersAreRefused() {
        ApiClient api = api();
        String key = api.createAccount(ADMIN_KEY, "Careful Co").text("api_key");
        assertProblem(
                api.post(
                        "/api/v1/webhooks/endpoints",
                        key,
                        "{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"*\"],\"asymmetric_signing\":\"yes\"}"),
                400,
                "invalid_type",
                "asymmetric_signing");
        Answer endpoint = ApiClient.expect(
                201,
                api.post(
                        "/api/v1/webhooks/endpoints",
                        key,
                        "{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"*\"],\"asymmetric_signing\":true}"));
        String id = endpoint.text("id");
        assertProblem(
                api.patch("/api/v1/webhooks/endpoints/" + id, key, "{\"asymmetric_signing\":null}"),
                400,
                "invalid_type",
                "asymmetric_signing");
        assertProblem(
                api.post(
                        "/api/v1/webhooks/endpoints/" + id + "/rotate-signing-key",
                        key,
                        "{\"grace_period_seconds\": -1}"),
                400,
                "invalid_grace_period",
                "grace_period_seconds");

        // Another account sees neither the endpoint's key set nor its rotation.
        String stranger = api.createAccount(ADMIN_KEY, "Stranger Co").text("api_key");
        assertProblem(
                api.get("/api/v1/webhooks/endpoints/" + id + "/jwks.json", stranger), 404, "resource_missing", "id");
        assertProblem(
                api.post("/api/v1/webhooks/endpoints/" + id + "/rotate-signing-key", stranger, "{}"),
                404,
                "resource_missing",
                "id");
        // The public URL is named by an unguessable id, not the endpoint's: neither finds a key set.
        assertProblem(api.get("/jwks/" + id + ".json", null), 404, "resource_missing", "jwks_id");
        assertProblem(api.get("/jwks/jwks_" + "0".repeat(32) + ".json", null), 404, "resource_missing", "jwks_id");
        assertThat(ApiClient.expect(200, api.get(path(endpoint.text("jwks_url")), null))
                        .json()
                        .get("keys"))
                .hasSize(1);
    }

    @Test
    void theEndpointPageShowsThePublicKeyAndTheKeySet() {
        ApiClient api = api();
        String key = api.createAccount(ADMIN_KEY, "Dashboard Co").text("api_key");
        Answer endpoint = ApiClient.expect(
                201,
                api.post(
                        "/api/v1/webhooks/endpoints",
                        key,
                        "{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"*\"],\"asymmetric_signing\":true}"));
        DashboardClient dashboard = DashboardClient.onPort(port);
        String session = dashboard.session(key);
        String page = dashboard
                .get("/dashboard/settings/webhooks/" + endpoint.text("id"), session)
                .body();

        assertThat(page).contains("id=\"public-key\">" + endpoint.text("public_key") + "<");
        assertThat(page).contains("href=\"" + path(endpoint.text("jwks_url")) + "\"");

        ApiClient.expect(
                200,
                api.patch("/api/v1/webhooks/endpoints/" + endpoint.text("id"), key, "{\"asymmetric_signing\": false}"));
        String off = dashboard
                .get("/dashboard/settings/webhooks/" + endpoint.text("id"), session)
                .body();
        assertThat(off).doesNotContain(endpoint.text("public_key")).contains("deliveries carry the HMAC signature");
    }

    private Received deliver(ApiClient api, String accountId, TestReceiver receiver, int n, String key) {
        api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(n));
        return receiver.awaitCount(n, TIMEOUT).get(n - 1);
    }

    private static JsonNode publicJwks(ApiClient api, String jwksUrl) {
        Answer answer = ApiClient.expect(200, api.get(path(jwksUrl), null));
        assertThat(answer.header("Cache-Control")).contains("public");
        return answer.json();
    }

    /** The path of an absolute URL on this service. */
    private static String path(String url) {
        return java.net.URI.create(url).getRawPath();
    }

    private void assertOurVerifierAccepts(Received delivery, String publicKey) {
        assertThatCode(() -> AsymmetricWebhookVerifier.withPublicKeys(List.of(publicKey))
                        .withClock(clock)
                        .verify(
                                delivery.header("webhook-id"),
                                delivery.header("webhook-timestamp"),
                                delivery.header("webhook-signature"),
                                delivery.body()))
                .doesNotThrowAnyException();
    }

    private static List<String> v1aEntries(Received delivery) {
        return Arrays.stream(delivery.header("webhook-signature").split(" "))
                .filter(e -> e.startsWith("v1a,"))
                .toList();
    }

    /** The plain JDK, no code of ours: Ed25519 over "id.timestamp.body" with the whpk_ key. */
    private static boolean jdkVerifies(String publicKey, Received delivery, String entry) throws Exception {
        byte[] raw = Base64.getDecoder().decode(publicKey.substring("whpk_".length()));
        byte[] x509 = HexFormat.of()
                .parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
        jdk.update((delivery.header("webhook-id") + "." + delivery.header("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8));
        jdk.update(delivery.body());
        return jdk.verify(Base64.getDecoder().decode(entry.substring("v1a,".length())));
    }
}
