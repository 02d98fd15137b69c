package app.smartcomply.webhooks.security;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import app.smartcomply.webhooks.testkit.WithoutRateLimits;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the list query parameters, through the real HTTP API (so they hold whatever
 * parses them): only ASCII decimal digits make a number — any {@code limit} with another
 * character (a sign, a space, a hex prefix, a full-width or Arabic-Indic digit...) is a 400
 * {@code invalid_limit} naming {@code limit}; every in-range ASCII number gives exactly that page
 * size; every out-of-range one is refused the same way; and a timestamp with one non-ASCII digit
 * is an {@code invalid_timestamp}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithoutRateLimits
class QueryParameterPropertiesTest extends WebhooksAppTest {

    private static final int ENDPOINTS = 7;
    private static final List<String> LISTS =
            List.of("/api/v1/webhooks/endpoints", "/api/v1/webhooks/deliveries", "/api/v1/events");

    /** Characters that are not ASCII digits, many of them digits to {@link Character#isDigit}. */
    private static final List<String> NOT_ASCII_DIGITS = List.of(
            "０",
            "９",
            "٠",
            "٣",
            "۳",
            "०",
            "९",
            "০",
            "๑",
            "᠒",
            "²",
            "¹",
            "①",
            "Ⅻ",
            "\uD835\uDFCE",
            "\uD835\uDFD7",
            "+",
            "-",
            " ",
            "\t",
            ".",
            ",",
            "_",
            "e",
            "E",
            "x",
            "X",
            "a",
            "\u0000",
            "\u00a0",
            "\u200b",
            "٫",
            "'",
            "%");

    private TestAccount account;
    private ApiClient client;

    @BeforeAll
    void anAccountWithSevenEndpoints() {
        client = api(); // one HTTP client for the ~1,500 requests, not one each
        account = TestAccount.create(client, "Limits");
        for (int i = 0; i < ENDPOINTS; i++) {
            client.createEndpoint(account.apiKey(), "https://example.com/hook/" + i, "test.submitted");
        }
    }

    static Stream<Named<String>> limitsWithANonAsciiDigit() {
        return Samples.of(300, random -> {
            StringBuilder value = new StringBuilder(asciiDigits(random, random.nextInt(4)));
            int extra = 1 + random.nextInt(2);
            for (int i = 0; i < extra; i++) {
                value.insert(random.nextInt(value.length() + 1), Samples.pick(random, NOT_ASCII_DIGITS));
            }
            return value.toString();
        });
    }

    static Stream<Named<String>> outOfRangeAsciiNumbers() {
        return Samples.of(100, random -> switch (random.nextInt(3)) {
            case 0 -> "0".repeat(1 + random.nextInt(5));
            case 1 -> Integer.toString(101 + random.nextInt(Integer.MAX_VALUE - 101));
            default ->
                new BigInteger(32 + random.nextInt(200), random)
                        .add(BigInteger.valueOf(101))
                        .toString();
        });
    }

    static IntStream inRange() {
        return IntStream.rangeClosed(1, 100);
    }

    static Stream<Named<String>> timestampsWithANonAsciiDigit() {
        return Samples.of(100, random -> {
            char[] text = "2026-05-05T14:00:00.000Z".toCharArray();
            int at;
            do {
                at = random.nextInt(text.length);
            } while (text[at] < '0' || text[at] > '9');
            char zero = Samples.pick(random, List.of('\uFF10', '\u0660', '\u06F0', '\u0966', '\u09E6', '\u0E50'));
            text[at] = (char) (zero + (text[at] - '0'));
            return new String(text);
        });
    }

    @ParameterizedTest(name = "[{index}] limit={0}")
    @MethodSource("limitsWithANonAsciiDigit")
    void aLimitWithAnyCharacterOtherThanAsciiDigitsIsRefused(String limit) {
        for (String list : LISTS) {
            String query = "?limit=" + HostileStrings.pct(limit);
            ApiClient.Answer answer = client.get(list + query, account.apiKey());
            try {
                assertProblem(answer, 400, "invalid_limit", "limit", account.apiKey());
            } catch (AssertionError accepted) {
                throw new AssertionError(
                        "GET " + list + query + " (limit " + describe(limit) + "): " + accepted.getMessage(), accepted);
            }
        }
    }

    @ParameterizedTest(name = "[{index}] limit={0}")
    @MethodSource("outOfRangeAsciiNumbers")
    void anAsciiNumberOutsideOneToAHundredIsRefused(String limit) {
        for (String list : LISTS) {
            assertProblem(client.get(list + "?limit=" + limit, account.apiKey()), 400, "invalid_limit", "limit");
        }
    }

    @ParameterizedTest(name = "limit={0}")
    @MethodSource("inRange")
    void everyAsciiNumberInRangeIsThePageSize(int limit) {
        ApiClient.Answer page =
                ApiClient.expect(200, client.get("/api/v1/webhooks/endpoints?limit=" + limit, account.apiKey()));

        assertThat(page.json().get("data").size()).isEqualTo(Math.min(limit, ENDPOINTS));
        assertThat(page.json().get("has_more").asBoolean()).isEqualTo(limit < ENDPOINTS);
    }

    @ParameterizedTest(name = "[{index}] created_after={0}")
    @MethodSource("timestampsWithANonAsciiDigit")
    void aTimestampWithANonAsciiDigitIsRefused(String timestamp) {
        ApiClient.Answer answer = client.get(
                "/api/v1/webhooks/deliveries?created_after=" + HostileStrings.pct(timestamp), account.apiKey());
        assertProblem(answer, 400, "invalid_timestamp", "created_after");
    }

    /** The limit with every character named, since many of them look alike or are invisible. */
    private static String describe(String limit) {
        StringBuilder names = new StringBuilder("\"" + limit + "\" =");
        limit.codePoints().forEach(c -> names.append(' ').append(String.format("U+%04X", c)));
        return names.toString();
    }

    private static String asciiDigits(Random random, int length) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }
}
