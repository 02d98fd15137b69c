package app.smartcomply.webhooks.endpoint;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Custom headers are checked when saved, on create and on PATCH alike: a 400 problem naming the
 * header, never quoting its value, and nothing saved.
 */
class CustomHeaderValidationTest extends WebhooksAppTest {

    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";
    private static final String VALUE = "s3cr3t-value-9f2a";

    private TestAccount account;
    private String existing;

    @BeforeEach
    void accountWithAnEndpoint() {
        account = TestAccount.create(api(), "Header rules");
        existing = api().createEndpoint(account.apiKey(), "https://example.com/hook", "*")
                .text("id");
    }

    private ApiClient.Answer create(String headersJson) {
        return api().post(
                        ENDPOINTS,
                        account.apiKey(),
                        "{\"url\":\"https://example.com/hook\",\"events\":[\"*\"],\"headers\":" + headersJson + "}");
    }

    private ApiClient.Answer patch(String headersJson) {
        return api().patch(ENDPOINTS + "/" + existing, account.apiKey(), "{\"headers\":" + headersJson + "}");
    }

    private void refusedBoth(String headersJson, String code, String param) {
        assertProblem(create(headersJson), 400, code, param, VALUE);
        assertProblem(patch(headersJson), 400, code, param, VALUE);
    }

    @ParameterizedTest
    @CsvSource({
        "Host",
        "host",
        "Content-Length",
        "Content-Type",
        "Content-Encoding",
        "Transfer-Encoding",
        "Connection",
        "Keep-Alive",
        "TE",
        "Trailer",
        "Upgrade",
        "Proxy-Authorization",
        "Proxy-Connection",
        "Expect",
        "User-Agent",
        "traceparent",
        "X-SmartComply-Signature",
        "x-smartcomply-anything",
        "webhook-id",
        "Webhook-Signature",
        "webhook-custom"
    })
    void reservedNamesAreRefused(String name) {
        refusedBoth("{\"" + name + "\":\"" + VALUE + "\"}", "reserved_header_name", "headers." + name);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Bad Name|headers.Bad?Name",
                "X-A\\r\\nX-B|headers.X-A??X-B",
                "X-Nul\\u0000|headers.X-Nul?",
                "X:Colon|headers.X:Colon",
                "Ünicode|headers.?nicode",
                "(empty)|headers."
            })
    void namesThatAreNotHttpTokensAreRefused(String name, String param) {
        String jsonName = name.equals("(empty)") ? "" : name;
        refusedBoth("{\"" + jsonName + "\":\"" + VALUE + "\"}", "invalid_header_name", param);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "s3cr3t-value-9f2a\\r\\nX-Injected: 1",
                "s3cr3t-value-9f2a\\n",
                "s3cr3t-value-9f2a\\u0000",
                "s3cr3t-value-9f2aé",
                "' s3cr3t-value-9f2a'",
                "'s3cr3t-value-9f2a '",
                "(empty)"
            })
    void valuesThatAreNotVisibleAsciiAreRefused(String value) {
        String jsonValue = value.equals("(empty)") ? "" : value;
        refusedBoth("{\"X-Token\":\"" + jsonValue + "\"}", "invalid_header_value", "headers.X-Token");
    }

    @Test
    void theSameNameTwiceInAnyCaseIsRefused() {
        refusedBoth("{\"X-Team\":\"a\",\"x-team\":\"" + VALUE + "\"}", "duplicate_header_name", "headers.x-team");
    }

    @Test
    void atMostTwentyHeadersAndEightKibInAll() {
        String twenty =
                IntStream.range(0, 20).mapToObj(i -> "\"X-H" + i + "\":\"v\"").collect(Collectors.joining(","));
        assertThat(create("{" + twenty + "}").status()).isEqualTo(201);
        refusedBoth("{" + twenty + ",\"X-H20\":\"" + VALUE + "\"}", "too_many_headers", "headers");

        String big = "a".repeat(4000);
        assertThat(create("{\"X-A\":\"" + big + "\",\"X-B\":\"" + big + "\"}").status())
                .isEqualTo(201);
        refusedBoth(
                "{\"X-A\":\"" + big + "\",\"X-B\":\"" + big + "\",\"X-C\":\"" + "a".repeat(200) + "\"}",
                "headers_too_large",
                "headers");
    }

    @Test
    void headersMustBeAnObjectOfStrings() {
        refusedBoth("[\"X-Team\"]", "invalid_type", "headers");
        refusedBoth("\"X-Team: a\"", "invalid_type", "headers");
        refusedBoth("{\"X-Team\":1}", "invalid_type", "headers.X-Team");
        refusedBoth("{\"X-Team\":null}", "invalid_type", "headers.X-Team");
    }

    @Test
    void aRefusedPatchChangesNothing() {
        ApiClient.expect(200, patch("{\"X-Team\":\"payments\"}"));

        assertProblem(patch("{\"Host\":\"" + VALUE + "\"}"), 400, "reserved_header_name", "headers.Host", VALUE);

        ApiClient.Answer read = ApiClient.expect(200, api().get(ENDPOINTS + "/" + existing, account.apiKey()));
        assertThat(read.json().get("headers").propertyNames()).containsExactly("X-Team");
    }
}
