package app.smartcomply.webhooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an error answer the way a client program relies on it: RFC 9457 {@code
 * application/problem+json} with the expected status, a machine {@code code}, the offending
 * {@code param} for input errors (and none otherwise), a sentence for a human in {@code detail} —
 * and nothing internal: no stack trace, no exception class or package names, no SQL, and none of
 * the secrets the test names.
 */
public final class ProblemAssertions {

    /** The only members a problem may have; anything else (trace, exception, path...) is a leak. */
    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance", "code", "param");

    /** Traces of internals that must never reach a client. */
    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("Exception"),
            Pattern.compile("\\bat [a-z]+\\.[a-zA-Z.$]+\\("),
            Pattern.compile("\\b(java|javax|jakarta|tools\\.jackson|com\\.fasterxml|org\\.springframework|org\\.apache"
                    + "|org\\.sqlite|org\\.postgresql|app\\.smartcomply)\\."),
            Pattern.compile("(?i)\\b(select|insert into|update \\w+ set|delete from)\\b"),
            Pattern.compile("(?i)sqlite|postgres|hikari|jdbc"));

    private ProblemAssertions() {}

    /**
     * Asserts a problem answer.
     *
     * @param param the expected {@code param}, or null if the problem must have none
     * @param secrets strings that must not appear anywhere in the answer body
     * @return the answer, for further checks
     */
    public static ApiClient.Answer assertProblem(
            ApiClient.Answer answer, int status, String code, String param, String... secrets) {
        String context = "answer: HTTP " + answer.status() + " " + answer.body();
        assertThat(answer.status()).as(context).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(context).startsWith("application/problem+json");
        assertThat(answer.json()).as(context).isNotNull();
        assertThat(answer.json().isObject()).as(context).isTrue();
        assertThat(answer.json().propertyNames()).as(context).isSubsetOf(MEMBERS);
        assertThat(answer.json().get("status").asInt()).as(context).isEqualTo(status);
        assertThat(answer.text("title")).as(context).isNotBlank();
        assertThat(answer.text("code")).as(context).matches("[a-z][a-z_]*[a-z]").isEqualTo(code);
        if (param == null) {
            assertThat(answer.json().has("param"))
                    .as(context + " (expected no param)")
                    .isFalse();
        } else {
            assertThat(answer.text("param")).as(context).isEqualTo(param);
        }
        String detail = answer.text("detail");
        assertThat(detail).as(context).isNotBlank();
        assertThat(detail.length()).as(context).isLessThan(600);
        assertNoInternals(answer);
        for (String secret : secrets) {
            assertThat(answer.body()).as(context).doesNotContain(secret);
        }
        return answer;
    }

    /** Asserts an error answer of any 4xx status that is still a well-formed problem. */
    public static ApiClient.Answer assertClientProblem(ApiClient.Answer answer) {
        String context = "answer: HTTP " + answer.status() + " " + answer.body();
        assertThat(answer.status()).as(context).isBetween(400, 499);
        return assertProblem(answer, answer.status(), answer.text("code"), answer.text("param"));
    }

    private static void assertNoInternals(ApiClient.Answer answer) {
        for (Pattern internal : INTERNALS) {
            assertThat(internal.matcher(answer.body()).find())
                    .as("problem body leaks internals (" + internal + "): " + answer.body())
                    .isFalse();
        }
    }
}
