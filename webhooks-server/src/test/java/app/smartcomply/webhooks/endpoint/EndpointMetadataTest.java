package app.smartcomply.webhooks.endpoint;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Endpoint metadata: saved on create and PATCH, read back, and filtering the list (all pairs must match). */
class EndpointMetadataTest extends WebhooksAppTest {

    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";

    private TestAccount account;

    @BeforeEach
    void freshAccount() {
        account = TestAccount.create(api(), "Metadata");
    }

    private String create(String metadataJson) {
        return ApiClient.expect(
                        201,
                        api().post(
                                        ENDPOINTS,
                                        account.apiKey(),
                                        "{\"url\":\"https://example.com/hook\",\"events\":[\"*\"],\"metadata\":"
                                                + metadataJson + "}"))
                .text("id");
    }

    private List<String> listed(String query) {
        JsonNode data = ApiClient.expect(200, api().get(ENDPOINTS + "?" + query, account.apiKey()))
                .json()
                .get("data");
        return data.valueStream().map(e -> e.get("id").asString()).toList();
    }

    @Test
    void metadataIsSavedReadAndReplacedByPatch() {
        ApiClient.Answer created = ApiClient.expect(
                201,
                api().post(
                                ENDPOINTS,
                                account.apiKey(),
                                "{\"url\":\"https://example.com/hook\",\"events\":[\"*\"],\"metadata\":{\"team\":\"payments\",\"env\":\"prod\"}}"));
        String id = created.text("id");
        assertThat(created.json().get("metadata").get("team").asString()).isEqualTo("payments");

        JsonNode read = ApiClient.expect(200, api().get(ENDPOINTS + "/" + id, account.apiKey()))
                .json();
        assertThat(read.get("metadata").propertyNames()).containsExactly("env", "team");
        assertThat(read.get("metadata").get("env").asString()).isEqualTo("prod");

        JsonNode replaced = ApiClient.expect(
                        200,
                        api().patch(ENDPOINTS + "/" + id, account.apiKey(), "{\"metadata\":{\"team\":\"billing\"}}"))
                .json();
        assertThat(replaced.get("metadata").propertyNames()).containsExactly("team");
        JsonNode kept = ApiClient.expect(
                        200, api().patch(ENDPOINTS + "/" + id, account.apiKey(), "{\"description\":\"x\"}"))
                .json();
        assertThat(kept.get("metadata").get("team").asString()).isEqualTo("billing");
        JsonNode cleared = ApiClient.expect(
                        200, api().patch(ENDPOINTS + "/" + id, account.apiKey(), "{\"metadata\":null}"))
                .json();
        assertThat(cleared.get("metadata").isEmpty()).isTrue();
    }

    @Test
    void theListKeepsOnlyEndpointsWithEveryPair() {
        String paymentsProd = create("{\"team\":\"payments\",\"env\":\"prod\"}");
        String paymentsTest = create("{\"team\":\"payments\",\"env\":\"test\"}");
        String billingProd = create("{\"team\":\"billing\",\"env\":\"prod\"}");
        create("{}");

        assertThat(listed("metadata%5Bteam%5D=payments")).containsExactly(paymentsTest, paymentsProd);
        assertThat(listed("metadata%5Bteam%5D=payments&metadata%5Benv%5D=prod")).containsExactly(paymentsProd);
        assertThat(listed("metadata%5Benv%5D=prod")).containsExactly(billingProd, paymentsProd);
        assertThat(listed("metadata%5Bteam%5D=nobody")).isEmpty();
        assertThat(listed("metadata%5Bteam%5D=payments&limit=1")).containsExactly(paymentsTest);
    }

    @Test
    void unencodedBracketsWorkAsCurlSendsThem() throws Exception {
        String payments = create("{\"team\":\"payments\"}");
        create("{\"team\":\"billing\"}");

        String answer;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream()
                    .write(("GET " + ENDPOINTS + "?metadata[team]=payments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Authorization: Bearer " + account.apiKey() + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 200").contains(payments).doesNotContain("\"team\":\"billing\"");
    }

    @Test
    void metadataBreakingTheRulesIsRefusedWithTheKey() {
        String fifty =
                IntStream.range(0, 50).mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(","));
        create("{" + fifty + "}");
        assertProblem(post("{" + fifty + ",\"k50\":\"v\"}"), 400, "too_many_metadata_keys", "metadata");
        assertProblem(post("{\"has space\":\"v\"}"), 400, "invalid_metadata_key", "metadata.has?space");
        assertProblem(
                post("{\"" + "k".repeat(41) + "\":\"v\"}"), 400, "invalid_metadata_key", "metadata." + "k".repeat(41));
        assertProblem(post("{\"team\":\"" + "v".repeat(501) + "\"}"), 400, "invalid_metadata_value", "metadata.team");
        assertProblem(post("{\"team\":\"a\\u0000b\"}"), 400, "invalid_metadata_value", "metadata.team");
        assertProblem(post("{\"team\":7}"), 400, "invalid_type", "metadata.team");
        assertProblem(post("[\"team\"]"), 400, "invalid_type", "metadata");
        assertProblem(
                api().get(ENDPOINTS + "?metadata%5Bbad%20key%5D=x", account.apiKey()),
                400,
                "invalid_metadata_key",
                "metadata[bad?key]");
        assertProblem(
                api().get(ENDPOINTS + "?metadatum%5Bteam%5D=x", account.apiKey()),
                400,
                "unknown_parameter",
                "metadatum[team]");
    }

    private ApiClient.Answer post(String metadataJson) {
        return api().post(
                        ENDPOINTS,
                        account.apiKey(),
                        "{\"url\":\"https://example.com/hook\",\"events\":[\"*\"],\"metadata\":" + metadataJson + "}");
    }
}
