package app.smartcomply.webhooks.security;

import java.util.ArrayList;
import java.util.List;

/**
 * One hostile request of the corpus, as data. Text may hold {@link RawHttp} raw-byte characters
 * and these placeholders, filled in when the case runs: {@code {endpoint} {event} {delivery}
 * {account}} (the test account's), {@code {otherEndpoint} {otherEvent} {otherDelivery}
 * {otherAccount}} (another account's), {@code {dashEndpoint}} (the endpoint dashboard forms act
 * on), {@code {apiKey} {adminKey} {secret}} (the secrets that must never come back), and
 * {@code {csrf} {formToken}} (the session's form token, a fresh sign-in form's token).
 *
 * @param target request target exactly as sent (path and query, already percent-encoded where
 *     the case wants it)
 * @param headers extra header lines {@code "Name: value"}, sent as given
 * @param body the body, or null for none
 */
record HostileCase(
        String name,
        Surface surface,
        Expect expect,
        Auth auth,
        String method,
        String target,
        List<String> headers,
        String body) {

    /** Which rules apply to the answer. */
    enum Surface {
        /** 4xx answers must be application/problem+json with a code. */
        API,
        /** 4xx answers are HTML pages or the re-rendered form; never a 5xx. */
        DASHBOARD
    }

    /** What the input deserves. */
    enum Expect {
        /** Must be refused: a 4xx (for a dashboard form, or the form shown again with an error). */
        REFUSED,
        /** Odd but maybe legitimate data (an injection string as a description): any non-5xx answer. */
        NOT_5XX
    }

    /** Whose credentials go with the request. */
    enum Auth {
        NONE,
        /** Bearer: the test account's API key. */
        CUSTOMER,
        /** Bearer: the admin key. */
        ADMIN,
        /** The dashboard session cookie of the signed-in test account. */
        SESSION,
        /** The cookie of a freshly fetched sign-in form (its token is {@code {formToken}}). */
        SIGN_IN_FORM
    }

    static final String JSON = "Content-Type: application/json";
    static final String FORM = "Content-Type: application/x-www-form-urlencoded";

    HostileCase {
        headers = List.copyOf(headers);
    }

    static HostileCase api(Expect expect, Auth auth, String method, String target, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (body != null && all.stream().noneMatch(h -> h.regionMatches(true, 0, "Content-Type:", 0, 13))) {
            all.add(JSON);
        }
        return new HostileCase(null, Surface.API, expect, auth, method, target, all, body);
    }

    static HostileCase page(
            Expect expect, Auth auth, String method, String target, String formBody, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (formBody != null && all.stream().noneMatch(h -> h.regionMatches(true, 0, "Content-Type:", 0, 13))) {
            all.add(FORM);
        }
        return new HostileCase(null, Surface.DASHBOARD, expect, auth, method, target, all, formBody);
    }

    /** The same case with a label shown in the test report. */
    HostileCase named(String label) {
        return new HostileCase(label, surface, expect, auth, method, target, headers, body);
    }

    @Override
    public String toString() {
        String shownTarget = shorten(target, 90);
        String shownBody = body == null ? "" : " " + shorten(body, 70);
        return (name == null ? "" : name + ": ") + method + " " + shownTarget + shownBody
                + (headers.isEmpty()
                        ? ""
                        : " " + headers.stream().map(h -> shorten(h, 40)).toList());
    }

    private static String shorten(String text, int max) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(max).forEach(c -> {
            if (c >= 0xE000 && c <= 0xE0FF) {
                shown.append(String.format("<%02X>", c - 0xE000));
            } else if (c == '\r' || c == '\n' || c == 0) {
                shown.append(c == 0 ? "<NUL>" : c == '\r' ? "<CR>" : "<LF>");
            } else {
                shown.appendCodePoint(c);
            }
        });
        int length = text.codePointCount(0, text.length());
        return length > max ? shown + "…(" + length + ")" : shown.toString();
    }
}
