package app.smartcomply.webhooks.security;

import static app.smartcomply.webhooks.security.HostileCase.Auth.SESSION;
import static app.smartcomply.webhooks.security.HostileCase.Auth.SIGN_IN_FORM;
import static app.smartcomply.webhooks.security.HostileCase.Expect.NOT_5XX;
import static app.smartcomply.webhooks.security.HostileCase.Expect.REFUSED;
import static app.smartcomply.webhooks.security.HostileCase.page;
import static app.smartcomply.webhooks.security.HostileStrings.pct;
import static app.smartcomply.webhooks.security.RawHttp.b;

import app.smartcomply.webhooks.security.HostileCase.Expect;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard half of the hostile-input corpus: every form (posted from a signed-in session
 * with its form token, or from a fresh sign-in form) and the query parameters of every page, with
 * template/expression injection, invalid UTF-8, NULs, CRLF, oversized values, other accounts' and
 * malformed ids, and missing or forged form tokens.
 */
final class DashboardCorpus {

    static final String HOME = "/dashboard/settings/webhooks";
    static final String CSRF = "_csrf={csrf}";

    /** Every state-changing form on an existing endpoint or delivery, as (path with ID, fields). */
    static final List<String[]> ID_FORMS = List.of(
            new String[] {HOME + "/ID", "url=https%3A%2F%2Fexample.com%2Fh&events=*&description=d"},
            new String[] {HOME + "/ID/enable", ""},
            new String[] {HOME + "/ID/disable", ""},
            new String[] {HOME + "/ID/delete", ""},
            new String[] {HOME + "/ID/test", ""},
            new String[] {HOME + "/ID/recover", "since=24h"},
            new String[] {HOME + "/ID/replay", "window=24h"},
            new String[] {HOME + "/ID/rotate-secret", "grace_period_seconds=0"},
            new String[] {"/dashboard/deliveries/ID/retry", ""});

    private DashboardCorpus() {}

    static List<HostileCase> cases() {
        List<HostileCase> cases = new ArrayList<>();
        endpointForms(cases);
        smallForms(cases);
        signIn(cases);
        ids(cases);
        formTokens(cases);
        pages(cases);
        return cases;
    }

    /**
     * Hostile values for a form field, each with what it deserves when the field takes free text
     * ({@code freeText}) or only a fixed kind of value.
     */
    private static List<Object[]> values(boolean freeText) {
        Expect text = freeText ? NOT_5XX : REFUSED;
        List<Object[]> values = new ArrayList<>();
        for (String injection : HostileStrings.INJECTIONS) {
            values.add(new Object[] {pct(HostileStrings.unescapeJson(injection)), text, "injection"});
        }
        for (String encoded : HostileStrings.INVALID_UTF8_PERCENT) {
            values.add(new Object[] {"ok" + encoded + "ok", REFUSED, "invalid UTF-8"});
        }
        values.add(new Object[] {"ok" + b(0xC0, 0xAF) + "ok", REFUSED, "raw invalid UTF-8"});
        values.add(new Object[] {"ok" + b(0xED, 0xA0, 0x80) + "ok", REFUSED, "raw surrogate bytes"});
        values.add(new Object[] {"a%00b", text, "NUL"});
        values.add(new Object[] {"a%0D%0AX-Injected:%201", text, "CRLF"});
        values.add(new Object[] {"v".repeat(100_000), REFUSED, "100,000 characters"});
        return values;
    }

    /** Add and edit endpoint: url, events and description, each hostile in turn. */
    private static void endpointForms(List<HostileCase> cases) {
        String url = "url={receiverEncoded}";
        String events = "events=*";
        String description = "description=d";
        for (Object[] v : values(false)) {
            String value = (String) v[0];
            cases.add(form(
                    (Expect) v[1],
                    HOME,
                    "url=" + value + "&" + events + "&" + description,
                    "add endpoint url: " + v[2]));
            cases.add(form(
                    (Expect) v[1], HOME, url + "&events=" + value + "&" + description, "add endpoint events: " + v[2]));
            cases.add(form(
                    (Expect) v[1],
                    HOME + "/{dashEndpoint}",
                    "url=" + value + "&" + events + "&" + description,
                    "edit endpoint url: " + v[2]));
        }
        for (Object[] v : values(true)) {
            String value = (String) v[0];
            cases.add(form(
                    (Expect) v[1],
                    HOME,
                    url + "&" + events + "&description=" + value,
                    "add endpoint description: " + v[2]));
            cases.add(form(
                    (Expect) v[1],
                    HOME + "/{dashEndpoint}",
                    url + "&" + events + "&description=" + value,
                    "edit endpoint description: " + v[2]));
        }
        cases.add(form(NOT_5XX, HOME, url + "&" + events + "&" + manyParams(20_000), "add endpoint: 20,000 fields"));
        cases.add(form(
                REFUSED,
                HOME,
                url + "&" + "events=test.submitted&".repeat(5_000) + description,
                "add endpoint: 5,000 events"));
    }

    /** Rotate-secret grace period and recover window: fixed choices in the page, anything posted. */
    private static void smallForms(List<HostileCase> cases) {
        for (String grace : List.of(
                "0x10",
                "%EF%BC%91%EF%BC%92",
                "%D9%A1%D9%A2",
                "+60",
                "-1",
                "9223372036854775808",
                "99999999999999999999",
                "1e3",
                "60.5",
                "%00",
                "%C0%AF",
                pct("${1337*1337}"),
                "60%0D%0AX-Injected:%201",
                "9223372036854775807")) {
            cases.add(form(
                    REFUSED,
                    HOME + "/{dashEndpoint}/rotate-secret",
                    "grace_period_seconds=" + grace,
                    "rotate grace " + grace));
        }
        cases.add(form(NOT_5XX, HOME + "/{dashEndpoint}/rotate-secret", "grace_period_seconds=", "rotate grace empty"));
        for (Object[] v : values(true)) {
            Expect expect = v[1] == REFUSED && !"100,000 characters".equals(v[2]) ? REFUSED : NOT_5XX;
            cases.add(form(expect, HOME + "/{dashEndpoint}/recover", "since=" + v[0], "recover since: " + v[2]));
        }
    }

    /** The sign-in form: the key, the form token and the place to go next. */
    private static void signIn(List<HostileCase> cases) {
        String path = "/dashboard/sign-in";
        String token = "form_token={formToken}";
        for (Object[] v : values(false)) {
            cases.add(signInForm(REFUSED, path, token + "&api_key=" + v[0], "sign-in key: " + v[2]));
        }
        for (String key : List.of(
                "{adminKey}",
                "{apiKey}%00",
                "{apiKey}%0D%0AX-Injected:%201",
                "%20{apiKey}%20x",
                "{apiKey}" + "%C0%AF",
                pct("sc_live_' OR '1'='1"))) {
            cases.add(signInForm(REFUSED, path, token + "&api_key=" + key, "sign-in key " + key));
        }
        for (Object[] v : values(true)) {
            Expect expect = v[1] == REFUSED && !"100,000 characters".equals(v[2]) ? REFUSED : NOT_5XX;
            cases.add(signInForm(expect, path, token + "&api_key={apiKey}&next=" + v[0], "sign-in next: " + v[2]));
        }
        for (String next : List.of(
                "%2F%2Fevil.example",
                "https%3A%2F%2Fevil.example",
                "%2Fdashboard%0D%0ALocation:%20http://evil",
                "%2Fdashboard%5C%5Cevil.example",
                "%2Fdashboard%2F..%2F..%2Fapi%2Fv1%2Faccounts")) {
            cases.add(signInForm(NOT_5XX, path, token + "&api_key={apiKey}&next=" + next, "sign-in next " + next));
        }
        cases.add(signInForm(REFUSED, path, "form_token=forged&api_key={apiKey}", "sign-in forged form token"));
        cases.add(signInForm(REFUSED, path, "api_key={apiKey}", "sign-in without form token"));
        cases.add(signInForm(REFUSED, path, "form_token={formToken}%00&api_key={apiKey}", "sign-in token with NUL"));
        cases.add(signInForm(
                NOT_5XX, path, token + "&api_key={apiKey}&" + manyParams(20_000), "sign-in with 20,000 fields"));
        cases.add(page(REFUSED, HostileCase.Auth.NONE, "POST", path, "api_key={apiKey}")
                .named("sign-in without any cookie"));
    }

    /** Every form on another account's item, on a malformed id, and on a 10,000-character id. */
    private static void ids(List<HostileCase> cases) {
        for (String[] formSpec : ID_FORMS) {
            boolean delivery = formSpec[0].startsWith("/dashboard/deliveries");
            List<String> ids = List.of(
                    delivery ? "{otherDelivery}" : "{otherEndpoint}",
                    "i".repeat(10_000),
                    "%C0%AF",
                    "%ED%A0%80",
                    "{apiKey}",
                    "whe_1%0D%0AX-Injected:%201",
                    "..%3B",
                    pct("${1337*1337}"));
            for (String id : ids) {
                String body = formSpec[1].isEmpty() ? CSRF : formSpec[1] + "&" + CSRF;
                cases.add(page(REFUSED, SESSION, "POST", formSpec[0].replace("ID", id), body)
                        .named("form on id " + id));
            }
        }
    }

    /** Forms without this session's token, or with a forged or broken one, change nothing. */
    private static void formTokens(List<HostileCase> cases) {
        List<String> paths = new ArrayList<>(List.of(HOME, "/dashboard/sign-out"));
        ID_FORMS.forEach(f -> paths.add(
                f[0].replace("ID", f[0].startsWith("/dashboard/deliveries") ? "{delivery}" : "{dashEndpoint}")));
        for (String path : paths) {
            cases.add(page(REFUSED, SESSION, "POST", path, "url={receiverEncoded}&events=*")
                    .named("form without token"));
            cases.add(page(REFUSED, SESSION, "POST", path, "_csrf=forged&url={receiverEncoded}&events=*")
                    .named("forged token"));
            cases.add(page(REFUSED, SESSION, "POST", path, "_csrf={csrf}%C0%AF").named("token with invalid UTF-8"));
            cases.add(page(REFUSED, SESSION, "POST", path, null, "X-CSRF-Token: {csrf}" + b(0x00))
                    .named("token header with NUL"));
        }
    }

    /** The query parameters of every page, and paths that are no page at all. */
    private static void pages(List<HostileCase> cases) {
        String detail = HOME + "/{dashEndpoint}";
        for (String query : List.of(
                "status=%C0%AF",
                "status=" + pct("${1337*1337}"),
                "type=" + pct("[[${1337*1337}]]"),
                "range=" + pct("__${1337*1337}__::x"),
                "range=99999999999d",
                "after=" + "a".repeat(10_000),
                "after={otherDelivery}",
                "after=%ED%A0%80",
                "notice=" + pct("<script>alert(1337)</script>"),
                "notice=%0D%0AX-Injected:%201",
                "x=" + "q".repeat(20_000),
                manyParams(20_000))) {
            cases.add(page(NOT_5XX, SESSION, "GET", detail + "?" + query, null).named("endpoint page query"));
            cases.add(page(NOT_5XX, SESSION, "GET", detail + "/log?" + query, null)
                    .named("log fragment query"));
        }
        for (String query : List.of(
                "after=%00", "after=" + pct("' OR 1=1 --"), "notice=" + pct("${1337*1337}"), "after={apiKey}")) {
            cases.add(page(NOT_5XX, SESSION, "GET", HOME + "?" + query, null).named("endpoint list query"));
            cases.add(page(NOT_5XX, SESSION, "GET", detail + "/failed?" + query, null)
                    .named("failed list query"));
        }
        for (String count : List.of("0x10", "%EF%BC%91", "-1", "99999999999999999999", pct("${1337*1337}"))) {
            cases.add(page(NOT_5XX, SESSION, "GET", detail + "/failed?notice=recovered&count=" + count, null)
                    .named("count " + count));
        }
        for (String stats : List.of("yes", "%C0%AF", "1%00")) {
            cases.add(page(NOT_5XX, SESSION, "GET", detail + "/log?stats=" + stats, null)
                    .named("log stats " + stats));
        }
        for (String id : List.of("{otherEndpoint}", "x".repeat(10_000), "%C0%AF", pct("${1337*1337}"), "{apiKey}")) {
            for (String suffix : List.of("", "/edit", "/delete", "/rotate-secret", "/failed", "/log")) {
                cases.add(page(REFUSED, SESSION, "GET", HOME + "/" + id + suffix, null)
                        .named("page of id " + id));
            }
            cases.add(page(REFUSED, SESSION, "GET", "/dashboard/deliveries/" + id, null)
                    .named("delivery page of id " + id));
        }
        cases.add(page(REFUSED, SESSION, "GET", "/dashboard/deliveries/{otherDelivery}", null)
                .named("other account's delivery"));
        cases.add(
                page(NOT_5XX, SESSION, "GET", "/dashboard/sign-in?next=" + pct("${1337*1337}") + "&notice=%C0%AF", null)
                        .named("sign-in page query"));
        cases.add(page(
                        NOT_5XX,
                        HostileCase.Auth.NONE,
                        "GET",
                        "/dashboard/sign-in?next=%2Fdashboard%0D%0AX-Injected:%201",
                        null)
                .named("sign-in page query"));
        cases.add(page(REFUSED, SESSION, "GET", "/dashboard/" + pct("${1337*1337}"), null)
                .named("no such page"));
        cases.add(page(REFUSED, SESSION, "GET", "/dashboard/..%2F..%2Factuator%2Fenv", null)
                .named("traversal"));
        cases.add(page(REFUSED, SESSION, "GET", "/dashboard-assets/..%2F..%2Fapplication.yml", null)
                .named("traversal"));
        cases.add(page(REFUSED, SESSION, "GET", "/dashboard-assets/%2e%2e/%2e%2e/application.yml", null)
                .named("traversal"));
        cases.add(page(NOT_5XX, SESSION, "GET", "/dashboard/event-types?x=" + pct("[[${1337*1337}]]"), null)
                .named("catalog page query"));
    }

    private static HostileCase form(Expect expect, String path, String fields, String label) {
        return page(expect, SESSION, "POST", path, fields + "&" + CSRF).named(label);
    }

    private static HostileCase signInForm(Expect expect, String path, String fields, String label) {
        return page(expect, SIGN_IN_FORM, "POST", path, fields).named(label);
    }

    private static String manyParams(int count) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append("p").append(i).append("=1");
        }
        return query.toString();
    }
}
