package app.smartcomply.webhooks.security;

import static app.smartcomply.webhooks.security.HostileCase.Auth.ADMIN;
import static app.smartcomply.webhooks.security.HostileCase.Auth.CUSTOMER;
import static app.smartcomply.webhooks.security.HostileCase.Auth.NONE;
import static app.smartcomply.webhooks.security.HostileCase.Expect.NOT_5XX;
import static app.smartcomply.webhooks.security.HostileCase.Expect.REFUSED;
import static app.smartcomply.webhooks.security.HostileCase.api;

import app.smartcomply.webhooks.testkit.EventExamples;
import java.util.List;

/**
 * The hostile-input corpus on the public key set ({@code /jwks/{id}.json}, no API key), the
 * listen stream's parameters, and malformed events inside a batch. Part of {@link ApiCorpus}.
 */
final class ApiCorpusOfNewRoutes {

    private ApiCorpusOfNewRoutes() {}

    static void add(List<HostileCase> cases) {
        jwks(cases);
        listen(cases);
        batchShapes(cases);
    }

    /** Unknown, malformed and guessed key-set ids: a 404 problem, never a 500 or a key. */
    private static void jwks(List<HostileCase> cases) {
        for (String id : List.of(
                "x",
                "jwks_",
                "jwks_x",
                "jwks_" + "0".repeat(10_000),
                "{endpoint}",
                "{otherEndpoint}",
                "jwks_%27%20OR%20%271%27%3D%271",
                "jwks_%00",
                "jwks_%C0%AF",
                "jwks_%ED%A0%80",
                "%2e%2e",
                "jwks_x.json",
                "jwks_%0D%0AX-Injected:%201",
                "{apiKey}")) {
            cases.add(api(REFUSED, NONE, "GET", "/jwks/" + id + ".json", null).named("JWKS id"));
        }
        cases.add(api(REFUSED, NONE, "GET", "/jwks/.json", null).named("JWKS id"));
        cases.add(api(REFUSED, NONE, "POST", "/jwks/jwks_x.json", "{}").named("JWKS method"));
        cases.add(api(
                        REFUSED,
                        CUSTOMER,
                        "POST",
                        ApiCorpus.ENDPOINTS + "/{endpoint}/rotate-signing-key",
                        "{\"grace_period_seconds\":1e400}")
                .named("wrong type"));
    }

    /** Refused before any stream opens: the stream itself is tested in listen/. */
    private static void listen(List<HostileCase> cases) {
        String many = "x,".repeat(3_000) + "x";
        cases.add(api(REFUSED, CUSTOMER, "GET", "/api/v1/listen?events=" + many, null)
                .named("listen: 3,001 events"));
        cases.add(api(REFUSED, CUSTOMER, "GET", "/api/v1/listen?events=" + "test.submitted,".repeat(200) + "x", null)
                .named("listen: 201 events"));
        cases.add(api(REFUSED, CUSTOMER, "GET", "/api/v1/listen?events=%ED%A0%80", null)
                .named("listen: bad events"));
        cases.add(api(REFUSED, CUSTOMER, "GET", "/api/v1/listen?events={apiKey}", null)
                .named("listen: key as event"));
        cases.add(api(REFUSED, CUSTOMER, "GET", "/api/v1/listen", null, "Last-Event-ID: " + "e".repeat(5_000))
                .named("listen: 5 KB Last-Event-ID"));
        cases.add(api(REFUSED, CUSTOMER, "GET", "/api/v1/listen", null, "Last-Event-ID: {apiKey}")
                .named("listen: key as Last-Event-ID"));
        cases.add(api(REFUSED, NONE, "GET", "/api/v1/listen", null).named("listen: no key"));
        cases.add(api(REFUSED, ADMIN, "GET", "/api/v1/listen", null).named("listen: admin key"));
    }

    /** Not an event object inside events[i]; duplicate keys. Atomic, so any one refusal refuses all. */
    private static void batchShapes(List<HostileCase> cases) {
        String event = "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":"
                + EventExamples.testSubmitted(11) + "}";
        for (String odd : List.of(
                "[" + event + "]",
                "null",
                "1",
                "1e400",
                "\"x\"",
                "true",
                "{}",
                "[]",
                "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":null}",
                "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":[1]}",
                "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":7}",
                "{\"account_id\":\"{account}\",\"account_id\":\"{otherAccount}\",\"type\":\"test.submitted\",\"data\":"
                        + EventExamples.testSubmitted(12) + "}")) {
            cases.add(api(
                            REFUSED,
                            ADMIN,
                            "POST",
                            ApiCorpus.BATCH,
                            "{\"atomic\":true,\"events\":[" + event + "," + odd + "]}")
                    .named("batch: odd event (atomic)"));
            cases.add(api(NOT_5XX, ADMIN, "POST", ApiCorpus.BATCH, "{\"events\":[" + event + "," + odd + "]}")
                    .named("batch: odd event"));
        }
        cases.add(api(REFUSED, ADMIN, "POST", ApiCorpus.BATCH, "{\"events\":[],\"events\":[" + event + "]}")
                .named("batch: duplicate key"));
        cases.add(
                api(REFUSED, ADMIN, "POST", ApiCorpus.BATCH, "{\"events\":[]}").named("batch: no events"));
        cases.add(api(REFUSED, ADMIN, "POST", ApiCorpus.BATCH, "{\"events\":null}")
                .named("batch: null events"));
        cases.add(
                api(REFUSED, ADMIN, "POST", ApiCorpus.BATCH, "[" + event + "]").named("batch: bare array"));
    }
}
