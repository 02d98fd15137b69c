package app.smartcomply.webhooks.security;

import static app.smartcomply.webhooks.security.HostileCase.Auth.ADMIN;
import static app.smartcomply.webhooks.security.HostileCase.Auth.CUSTOMER;
import static app.smartcomply.webhooks.security.HostileCase.Auth.NONE;
import static app.smartcomply.webhooks.security.HostileCase.Expect.NOT_5XX;
import static app.smartcomply.webhooks.security.HostileCase.Expect.REFUSED;
import static app.smartcomply.webhooks.security.HostileCase.api;
import static app.smartcomply.webhooks.security.RawHttp.b;

import app.smartcomply.webhooks.security.HostileCase.Auth;
import app.smartcomply.webhooks.testkit.EventExamples;
import java.util.ArrayList;
import java.util.List;

/**
 * The API half of the hostile-input corpus: every route of {@code web/} (and the OpenAPI
 * document, the actuator and {@code /error}) with malformed and oversized JSON, invalid UTF-8,
 * wrong types, odd query parameters, foreign and malformed ids, injection strings, header
 * tricks, and an API key where a name or type belongs. {@code web/ApiFuzzTest} covers JSON-typed
 * odd values field by field; this corpus covers the bytes and the wire.
 */
final class ApiCorpus {

    static final String ENDPOINTS = "/api/v1/webhooks/endpoints";
    static final String EVENTS = "/api/v1/events";
    static final String DELIVERIES = "/api/v1/webhooks/deliveries";
    static final String BATCH = "/api/v1/events/batch";

    /** A JSON route and a body with one free-text string slot ({@code %s}). */
    record Slot(String method, String path, Auth auth, String template, boolean freeText) {
        String fill(String content) {
            return template.replace("%s", content);
        }
    }

    static final List<Slot> SLOTS = List.of(
            new Slot("POST", "/api/v1/accounts", ADMIN, "{\"name\":\"%s\"}", true),
            new Slot(
                    "POST",
                    ENDPOINTS,
                    CUSTOMER,
                    "{\"url\":\"{receiver}\",\"events\":[\"*\"],\"description\":\"%s\"}",
                    true),
            new Slot("PATCH", ENDPOINTS + "/{endpoint}", CUSTOMER, "{\"description\":\"%s\"}", true),
            new Slot(
                    "POST",
                    EVENTS,
                    ADMIN,
                    "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":"
                            + EventExamples.testSubmitted(7).replace("ISO 27001 readiness", "%s") + "}",
                    true),
            // Atomic: an event refused for what the slot holds refuses the request, as a single publish would.
            new Slot(
                    "POST",
                    BATCH,
                    ADMIN,
                    "{\"atomic\":true,\"events\":[{\"account_id\":\"{account}\",\"type\":\"test.submitted\","
                            + "\"data\":" + EventExamples.testSubmitted(8).replace("ISO 27001 readiness", "%s") + "}]}",
                    true),
            new Slot("POST", ENDPOINTS + "/{endpoint}/recover", CUSTOMER, "{\"since\":\"%s\"}", false),
            new Slot("POST", ENDPOINTS + "/{endpoint}/replay", CUSTOMER, "{\"since\":\"%s\"}", false),
            new Slot("POST", EVENTS + "/{event}/replay", CUSTOMER, "{\"endpoint_ids\":[\"%s\"]}", false),
            new Slot("PATCH", "/api/v1/accounts/{account}", ADMIN, "{\"email\":\"%s\"}", false));

    /** Every route that reads a JSON body, with the credentials it needs. */
    static final List<Slot> JSON_ROUTES = List.of(
            new Slot("POST", "/api/v1/accounts", ADMIN, null, false),
            new Slot("POST", ENDPOINTS, CUSTOMER, null, false),
            new Slot("PATCH", ENDPOINTS + "/{endpoint}", CUSTOMER, null, false),
            new Slot("POST", ENDPOINTS + "/{endpoint}/rotate-secret", CUSTOMER, null, false),
            new Slot("POST", ENDPOINTS + "/{endpoint}/recover", CUSTOMER, null, false),
            new Slot("POST", ENDPOINTS + "/{endpoint}/replay", CUSTOMER, null, false),
            new Slot("POST", EVENTS + "/{event}/replay", CUSTOMER, null, false),
            new Slot("POST", EVENTS, ADMIN, null, false),
            new Slot("POST", BATCH, ADMIN, null, false),
            new Slot("PATCH", "/api/v1/accounts/{account}", ADMIN, null, false));

    /** Every route with an id in the path (placeholders for the test account's own ids). */
    static final List<String[]> ID_ROUTES = List.of(
            new String[] {"GET", ENDPOINTS + "/ID", "{endpoint}", "{otherEndpoint}"},
            new String[] {"PATCH", ENDPOINTS + "/ID", "{endpoint}", "{otherEndpoint}"},
            new String[] {"DELETE", ENDPOINTS + "/ID", "{endpoint}", "{otherEndpoint}"},
            new String[] {"POST", ENDPOINTS + "/ID/rotate-secret", "{endpoint}", "{otherEndpoint}"},
            new String[] {"POST", ENDPOINTS + "/ID/recover", "{endpoint}", "{otherEndpoint}"},
            new String[] {"POST", ENDPOINTS + "/ID/test", "{endpoint}", "{otherEndpoint}"},
            new String[] {"GET", ENDPOINTS + "/ID/deliveries", "{endpoint}", "{otherEndpoint}"},
            new String[] {"POST", ENDPOINTS + "/ID/check", "{endpoint}", "{otherEndpoint}"},
            new String[] {"GET", ENDPOINTS + "/ID/checks", "{endpoint}", "{otherEndpoint}"},
            new String[] {
                "GET",
                ENDPOINTS + "/{endpoint}/checks/ID",
                "chk_00000000000000000000000000000000",
                "chk_00000000000000000000000000000000"
            },
            new String[] {"GET", ENDPOINTS + "/ID/jwks.json", "{endpoint}", "{otherEndpoint}"},
            new String[] {"POST", ENDPOINTS + "/ID/rotate-signing-key", "{endpoint}", "{otherEndpoint}"},
            new String[] {"POST", "/api/v1/listen/sessions/ID/results", "{endpoint}", "{otherEndpoint}"},
            new String[] {"GET", DELIVERIES + "/ID", "{delivery}", "{otherDelivery}"},
            new String[] {"POST", DELIVERIES + "/ID/retry", "{delivery}", "{otherDelivery}"},
            new String[] {"GET", EVENTS + "/ID", "{event}", "{otherEvent}"},
            new String[] {"POST", EVENTS + "/ID/replay", "{event}", "{otherEvent}"},
            new String[] {"POST", ENDPOINTS + "/ID/replay", "{endpoint}", "{otherEndpoint}"},
            new String[] {"GET", ENDPOINTS + "/ID/replays", "{endpoint}", "{otherEndpoint}"},
            new String[] {
                "GET",
                ENDPOINTS + "/{endpoint}/replays/ID",
                "rpl_00000000000000000000000000000000",
                "rpl_00000000000000000000000000000000"
            },
            new String[] {"POST", "/api/v1/accounts/ID/api-keys", "{account}", "acct_00000000000000000000000000000000"},
            new String[] {"GET", "/api/v1/accounts/ID", "{account}", "acct_00000000000000000000000000000000"},
            new String[] {"PATCH", "/api/v1/accounts/ID", "{account}", "acct_00000000000000000000000000000000"});

    static final List<String> LISTS = List.of(ENDPOINTS, ENDPOINTS + "/{endpoint}/deliveries", DELIVERIES, EVENTS);

    private ApiCorpus() {}

    static List<HostileCase> cases() {
        List<HostileCase> cases = new ArrayList<>();
        strings(cases);
        wholeBodies(cases);
        wrongTypes(cases);
        queries(cases);
        ids(cases);
        secretsInNames(cases);
        wire(cases);
        otherRoutes(cases);
        ApiCorpusOfNewRoutes.add(cases);
        return cases;
    }

    /** Invalid UTF-8, control bytes and injection strings inside a string a route accepts. */
    private static void strings(List<HostileCase> cases) {
        for (Slot slot : SLOTS) {
            for (String bytes : HostileStrings.INVALID_UTF8) {
                cases.add(api(REFUSED, slot.auth(), slot.method(), slot.path(), slot.fill("ok" + bytes + "ok"))
                        .named("invalid UTF-8"));
            }
            cases.add(api(REFUSED, slot.auth(), slot.method(), slot.path(), slot.fill("a" + b(0x00) + "b"))
                    .named("raw NUL in a string"));
            cases.add(api(REFUSED, slot.auth(), slot.method(), slot.path(), slot.fill("a\r\nX-Injected: 1"))
                    .named("raw CRLF in a string"));
            cases.add(api(REFUSED, slot.auth(), slot.method(), slot.path(), slot.fill("x".repeat(1_100_000)))
                    .named("1.1 MB string"));
            cases.add(api(NOT_5XX, slot.auth(), slot.method(), slot.path(), slot.fill("a\\u0000b"))
                    .named("escaped NUL"));
            cases.add(api(NOT_5XX, slot.auth(), slot.method(), slot.path(), slot.fill("\\udc00\\ud800"))
                    .named("escaped reversed surrogates"));
            cases.add(api(NOT_5XX, slot.auth(), slot.method(), slot.path(), slot.fill("a\\r\\nX-Injected: 1"))
                    .named("escaped CRLF"));
            for (String injection : HostileStrings.INJECTIONS) {
                cases.add(api(
                                slot.freeText() ? NOT_5XX : REFUSED,
                                slot.auth(),
                                slot.method(),
                                slot.path(),
                                slot.fill(injection))
                        .named("injection"));
            }
        }
    }

    /** Bodies that are not one well-formed JSON object, on every route that reads JSON. */
    private static void wholeBodies(List<HostileCase> cases) {
        List<String> malformed = List.of(
                "{",
                "{\"a\":1}}",
                "{\"a\":1} {\"b\":2}",
                "{'name':'x'}",
                "{name:\"x\"}",
                "{\"x\":NaN}",
                "{\"x\":Infinity}",
                "{\"x\":01}",
                "{\"x\":.5}",
                "{\"x\":0x10}",
                "/* c */{\"x\":1}",
                "{\"x\":\"\\x41\"}",
                "{\"x\":\"\\u12\"}",
                "{\"a\":1," + b(0xC0, 0xAF) + "}",
                b(0xFF, 0xFE) + "{\u0000\"\u0000a\u0000\"\u0000:\u00001\u0000}\u0000",
                "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000),
                "[".repeat(200_000) + "]".repeat(200_000),
                "{\"x\":\"" + "y".repeat(1_200_000) + "\"}",
                manyKeys(60_000));
        for (Slot route : JSON_ROUTES) {
            for (String body : malformed) {
                cases.add(api(REFUSED, route.auth(), route.method(), route.path(), body)
                        .named("malformed JSON"));
            }
            cases.add(api(
                            REFUSED,
                            route.auth(),
                            route.method(),
                            route.path(),
                            "{\"description\":\"x\"}",
                            "Content-Type: text/plain")
                    .named("JSON as text/plain"));
            cases.add(api(
                            REFUSED,
                            route.auth(),
                            route.method(),
                            route.path(),
                            "{}",
                            "Content-Type: application/json; charset=UTF-7")
                    .named("unsupported charset"));
            cases.add(api(
                            REFUSED,
                            route.auth(),
                            route.method(),
                            route.path(),
                            b(0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFF),
                            "Content-Encoding: gzip")
                    .named("garbage gzip"));
        }
    }

    /** Wrong types that web/ApiFuzzTest does not send: operator objects and numbers as text. */
    private static void wrongTypes(List<HostileCase> cases) {
        for (String[] body : List.of(
                new String[] {"POST", ENDPOINTS, "{\"url\":{\"$gt\":\"\"},\"events\":[\"*\"]}"},
                new String[] {"POST", ENDPOINTS, "{\"url\":\"{receiver}\",\"events\":{\"$in\":[\"*\"]}}"},
                new String[] {"POST", ENDPOINTS, "{\"url\":[\"{receiver}\"],\"events\":[\"*\"]}"},
                new String[] {"PATCH", ENDPOINTS + "/{endpoint}", "{\"status\":{\"$ne\":null}}"},
                new String[] {"PATCH", ENDPOINTS + "/{endpoint}", "{\"description\":12345}"},
                new String[] {"POST", ENDPOINTS + "/{endpoint}/rotate-secret", "{\"grace_period_seconds\":\"60\"}"},
                new String[] {"POST", ENDPOINTS + "/{endpoint}/rotate-secret", "{\"grace_period_seconds\":{\"$gt\":0}}"
                },
                new String[] {"POST", ENDPOINTS + "/{endpoint}/recover", "{\"since\":1778000000}"})) {
            cases.add(api(REFUSED, CUSTOMER, body[0], body[1], body[2]).named("wrong type"));
        }
        String data = EventExamples.testSubmitted(4);
        cases.add(api(
                        REFUSED,
                        ADMIN,
                        "POST",
                        EVENTS,
                        "{\"account_id\":{\"$ne\":null},\"type\":\"test.submitted\",\"data\":" + data + "}")
                .named("wrong type"));
        cases.add(api(
                        REFUSED,
                        ADMIN,
                        "POST",
                        EVENTS,
                        "{\"account_id\":\"{account}\",\"type\":[\"test.submitted\"],\"data\":" + data + "}")
                .named("wrong type"));
        cases.add(api(
                        REFUSED,
                        ADMIN,
                        "POST",
                        EVENTS,
                        "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":"
                                + data.replace("\"score\":82.5", "\"score\":\"82.5\"") + "}")
                .named("wrong type in data"));
        cases.add(api(REFUSED, ADMIN, "POST", "/api/v1/accounts", "{\"name\":{\"first\":\"a\"}}")
                .named("wrong type"));
        cases.add(api(REFUSED, ADMIN, "POST", BATCH, "{\"events\":{\"$ne\":null}}")
                .named("wrong type"));
        cases.add(api(REFUSED, ADMIN, "POST", BATCH, "{\"events\":\"[]\"}").named("wrong type"));
        cases.add(api(
                        REFUSED,
                        ADMIN,
                        "POST",
                        BATCH,
                        "{\"atomic\":\"true\",\"events\":[{\"account_id\":\"{account}\","
                                + "\"type\":\"test.submitted\",\"data\":" + data + "}]}")
                .named("wrong type"));
        cases.add(api(
                        REFUSED,
                        ADMIN,
                        "POST",
                        BATCH,
                        "{\"atomic\":true,\"events\":[{\"account_id\":{\"$ne\":null},"
                                + "\"type\":\"test.submitted\",\"data\":" + data + "}]}")
                .named("wrong type in an event"));
        cases.add(api(
                        REFUSED,
                        ADMIN,
                        "POST",
                        BATCH,
                        "{\"atomic\":true,\"events\":[{\"account_id\":\"{account}\","
                                + "\"type\":\"test.submitted\",\"idempotency_key\":7,\"data\":" + data + "}]}")
                .named("wrong type in an event"));
        cases.add(api(REFUSED, ADMIN, "POST", BATCH, "{\"events\":[" + "1,".repeat(1_000) + "1]}")
                .named("1,001 events"));
    }

    private static String manyKeys(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        return json.append('}').toString();
    }

    /** Odd list parameters: numbers that are not ASCII decimal, huge strings, many parameters. */
    private static void queries(List<HostileCase> cases) {
        List<String> refused = new ArrayList<>(List.of(
                "limit=0x10",
                "limit=%EF%BC%91",
                "limit=%D9%A3",
                "limit=%DB%B3",
                "limit=%E0%A5%A8",
                "limit=+2",
                "limit=%2B2",
                "limit=-0",
                "limit=%205",
                "limit=5%20",
                "limit=5%00",
                "limit=1_0",
                "limit=1e1",
                "limit=0",
                "limit=101",
                "limit=99999999999999999999",
                "limit[]=1",
                "limit=%C0%B1",
                "starting_after=" + "a".repeat(10_000),
                "starting_after=%00",
                "starting_after={otherEndpoint}x",
                "starting_after=%ED%A0%80"));
        for (String list : LISTS) {
            for (String query : refused) {
                cases.add(
                        api(REFUSED, CUSTOMER, "GET", list + "?" + query, null).named("query"));
            }
            cases.add(api(NOT_5XX, CUSTOMER, "GET", list + "?x=" + "q".repeat(20_000), null)
                    .named("20 KB query string"));
            cases.add(api(NOT_5XX, CUSTOMER, "GET", list + "?" + manyParams(20_000), null)
                    .named("20,000 parameters"));
            cases.add(api(NOT_5XX, CUSTOMER, "GET", list + "?limit=1&limit=2", null)
                    .named("repeated limit"));
            cases.add(api(NOT_5XX, CUSTOMER, "GET", list + "?limit=", null).named("empty limit"));
        }
        for (String list : List.of(DELIVERIES, ENDPOINTS + "/{endpoint}/deliveries")) {
            for (String query : List.of(
                    "created_after=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-05-05T00:00:00Z",
                    "created_before=2026-05-05T00:00:00Z%00",
                    "status=%C0%AF",
                    "status=failed%0D%0AX-Injected:%201",
                    "event_type=%ED%A0%80",
                    "created_after=" + "9".repeat(10_000))) {
                cases.add(
                        api(REFUSED, CUSTOMER, "GET", list + "?" + query, null).named("query"));
            }
        }
        cases.add(api(REFUSED, CUSTOMER, "GET", DELIVERIES + "?endpoint_id={otherEndpoint}", null)
                .named("other account's endpoint"));
        cases.add(api(REFUSED, CUSTOMER, "GET", DELIVERIES + "?event_id=%C0%AF", null)
                .named("query"));
        cases.add(api(REFUSED, CUSTOMER, "GET", EVENTS + "?type=%FF", null).named("query"));
    }

    private static String manyParams(int count) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append("p").append(i).append("=1");
        }
        return query.toString();
    }

    /** Other accounts' ids, malformed ids and path tricks on every route with an id. */
    private static void ids(List<HostileCase> cases) {
        for (String[] route : ID_ROUTES) {
            String method = route[0];
            Auth auth = route[1].startsWith("/api/v1/accounts") ? ADMIN : CUSTOMER;
            String body = method.equals("PATCH") ? "{\"description\":\"x\"}" : null;
            // Another account's id, a malformed one, 10,000 characters, SQL, traversal, NUL, invalid
            // UTF-8, CRLF, a full-width letter, and the caller's own API key.
            List<String> ids = List.of(
                    route[3],
                    route[2] + "x",
                    "x".repeat(10_000),
                    "whe_%27%20OR%20%271%27%3D%271",
                    "%2e%2e",
                    "..;",
                    "%00",
                    "%C0%AF",
                    "%ED%A0%80",
                    "whe_%0D%0AX-Injected:%201",
                    "%EF%BD%97he_1",
                    "{apiKey}");
            for (String id : ids) {
                cases.add(api(REFUSED, auth, method, route[1].replace("ID", id), body)
                        .named("id"));
            }
        }
    }

    /** An API key or the admin key where a field name or event type belongs must not come back. */
    private static void secretsInNames(List<HostileCase> cases) {
        String data = EventExamples.testSubmitted(9);
        cases.add(api(
                        NOT_5XX,
                        ADMIN,
                        "POST",
                        EVENTS,
                        "{\"account_id\":\"{account}\",\"type\":\"{apiKey}\",\"data\":" + data + "}")
                .named("API key as event type"));
        cases.add(api(
                        NOT_5XX,
                        ADMIN,
                        "POST",
                        EVENTS,
                        "{\"account_id\":\"{account}\",\"type\":\"{adminKey}\",\"data\":" + data + "}")
                .named("admin key as event type"));
        cases.add(api(
                        NOT_5XX,
                        ADMIN,
                        "POST",
                        EVENTS,
                        "{\"account_id\":\"{apiKey}\",\"type\":\"test.submitted\",\"data\":" + data + "}")
                .named("API key as account id"));
        cases.add(api(
                        NOT_5XX,
                        ADMIN,
                        "POST",
                        EVENTS,
                        "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"{apiKey}\":1,\"data\":" + data
                                + "}")
                .named("API key as field name"));
        cases.add(api(
                        NOT_5XX,
                        ADMIN,
                        "POST",
                        EVENTS,
                        "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":"
                                + data.replace("\"test_id\"", "\"{apiKey}\"") + "}")
                .named("API key as data field name"));
        cases.add(
                api(NOT_5XX, CUSTOMER, "POST", ENDPOINTS, "{\"{apiKey}\":1,\"url\":\"{receiver}\",\"events\":[\"*\"]}")
                        .named("API key as field name"));
        cases.add(api(NOT_5XX, CUSTOMER, "POST", ENDPOINTS, "{\"url\":\"{receiver}\",\"events\":[\"{apiKey}\"]}")
                .named("API key as subscribed event type"));
        cases.add(api(NOT_5XX, CUSTOMER, "PATCH", ENDPOINTS + "/{endpoint}", "{\"{apiKey}\":\"x\"}")
                .named("API key as field name"));
        cases.add(api(NOT_5XX, CUSTOMER, "PATCH", ENDPOINTS + "/{endpoint}", "{\"events\":[\"{apiKey}\"]}")
                .named("API key as subscribed event type"));
        cases.add(api(NOT_5XX, CUSTOMER, "POST", ENDPOINTS + "/{endpoint}/rotate-secret", "{\"{apiKey}\":1}")
                .named("API key as field name"));
        cases.add(api(NOT_5XX, CUSTOMER, "POST", ENDPOINTS + "/{endpoint}/recover", "{\"since\":\"{apiKey}\"}")
                .named("API key as since"));
        cases.add(api(NOT_5XX, ADMIN, "POST", "/api/v1/accounts", "{\"{adminKey}\":\"x\",\"name\":\"n\"}")
                .named("admin key as field name"));
        cases.add(api(
                        REFUSED,
                        CUSTOMER,
                        "POST",
                        ENDPOINTS,
                        "{\"url\":\"https://u:{apiKey}@example.com/h\",\"events\":[\"*\"]}")
                .named("API key as URL password"));
        for (String list : LISTS) {
            cases.add(api(NOT_5XX, CUSTOMER, "GET", list + "?starting_after={apiKey}", null)
                    .named("API key as cursor"));
        }
        cases.add(api(NOT_5XX, CUSTOMER, "GET", DELIVERIES + "?event_type={apiKey}", null)
                .named("API key as event type filter"));
        cases.add(api(NOT_5XX, CUSTOMER, "GET", EVENTS + "?type={apiKey}", null).named("API key as event type filter"));
        cases.add(api(
                        NOT_5XX,
                        ADMIN,
                        "POST",
                        EVENTS,
                        "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":" + data + "}",
                        "Idempotency-Key: {apiKey}")
                .named("API key as idempotency key"));
        cases.add(api(
                        NOT_5XX,
                        ADMIN,
                        "POST",
                        BATCH,
                        "{\"events\":[{\"account_id\":\"{account}\",\"type\":\"{apiKey}\","
                                + "\"{adminKey}\":1,\"data\":" + data
                                + "},{\"account_id\":\"{apiKey}\",\"type\":\"test.submitted\",\"data\":"
                                + data + "}]}")
                .named("keys as an event's type, field name and account id"));
        cases.add(api(
                        NOT_5XX,
                        ADMIN,
                        "POST",
                        BATCH,
                        "{\"events\":[{\"account_id\":\"{account}\",\"type\":\"test.submitted\","
                                + "\"idempotency_key\":\"{apiKey}\",\"data\":" + data + "}]}")
                .named("API key as idempotency key"));
    }

    /** Requests broken at the HTTP level: Tomcat refuses them before any controller runs. */
    private static void wire(List<HostileCase> cases) {
        String list = ENDPOINTS;
        cases.add(api(REFUSED, CUSTOMER, "GET", list + "/a" + b(0xC0, 0xAF) + "b", null)
                .named("raw invalid UTF-8 in path"));
        cases.add(
                api(REFUSED, CUSTOMER, "GET", list + "?limit=" + b(0xFF), null).named("raw byte FF in query"));
        cases.add(api(REFUSED, CUSTOMER, "GET", list + "?x=" + b(0x00), null).named("raw NUL in query"));
        cases.add(api(REFUSED, CUSTOMER, "GET", list + "?x=a\rb", null).named("bare CR in request line"));
        cases.add(api(REFUSED, CUSTOMER, "GET", list + "/%2e%2e%2f%2e%2e%2factuator%2fenv", null)
                .named("encoded traversal"));
        cases.add(api(REFUSED, CUSTOMER, "GET", list + "/%ff", null).named("bad percent-encoding"));
        cases.add(api(REFUSED, CUSTOMER, "GET", list + "/%zz", null).named("bad percent-encoding"));
        cases.add(api(REFUSED, CUSTOMER, "GET", "/" + "a".repeat(200_000), null).named("200 KB request line"));
        cases.add(api(REFUSED, CUSTOMER, "GET", list, null, "X-Long: " + "h".repeat(100_000))
                .named("100 KB header"));
        cases.add(api(REFUSED, CUSTOMER, "GET", list, null, manyHeaders(300)).named("300 headers"));
        cases.add(api(REFUSED, NONE, "GET", list, null, "Authorization: Bearer {apiKey}" + b(0x00))
                .named("NUL in Authorization"));
        cases.add(api(REFUSED, NONE, "GET", list, null, "Authorization: Bearer {apiKey}\rX-Injected: 1")
                .named("bare CR in header"));
        cases.add(api(REFUSED, NONE, "GET", list, null, "Authorization: Bearer {apiKey}" + b(0xC0, 0xAF))
                .named("invalid UTF-8 in Authorization"));
        cases.add(api(REFUSED, NONE, "GET", list, null, "Authorization: Bearer " + "k".repeat(7_000))
                .named("7 KB bearer"));
        cases.add(api(REFUSED, NONE, "GET", list, null, "Authorization: Bearer {adminKey}")
                .named("admin key on a customer route"));
        cases.add(api(
                        REFUSED,
                        NONE,
                        "GET",
                        list,
                        null,
                        "Authorization: Bearer {apiKey}",
                        "Authorization: Bearer {adminKey}")
                .named("two Authorization headers"));
        cases.add(api(REFUSED, NONE, "GET", list, null, "Authorization: Basic {apiKey}")
                .named("key as Basic credentials"));
        cases.add(api(NOT_5XX, CUSTOMER, "GET", list, null, "X-Obs: a", " folded: continuation")
                .named("obs-fold"));
        cases.add(
                api(REFUSED, CUSTOMER, "GET", list, null, "Bad Header Name: 1").named("space in header name"));
        cases.add(api(REFUSED, CUSTOMER, "POST", list, "{}", "Transfer-Encoding: chunked")
                .named("chunked plus Content-Length"));
        cases.add(api(REFUSED, CUSTOMER, "FOO", list, null).named("unknown method"));
        cases.add(api(REFUSED, CUSTOMER, "TRACE", list, null).named("TRACE"));
        cases.add(api(REFUSED, CUSTOMER, "PUT", list + "/{endpoint}", "{}").named("unsupported method"));
        cases.add(api(REFUSED, CUSTOMER, "POST", EVENTS, "{}", "Idempotency-Key: " + "i".repeat(5_000))
                .named("5 KB idempotency key"));
        cases.add(api(
                        REFUSED,
                        ADMIN,
                        "POST",
                        EVENTS,
                        "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":"
                                + EventExamples.testSubmitted(3) + "}",
                        "Idempotency-Key: k" + b(0xC0, 0xAF))
                .named("invalid UTF-8 idempotency key"));
        cases.add(api(NOT_5XX, CUSTOMER, "GET", "http://evil.example" + list, null)
                .named("absolute-form target"));
    }

    private static String[] manyHeaders(int count) {
        String[] headers = new String[count];
        for (int i = 0; i < count; i++) {
            headers[i] = "X-H" + i + ": v";
        }
        return headers;
    }

    /** The routes that are not the resource API: /error, the OpenAPI document, the actuator. */
    private static void otherRoutes(List<HostileCase> cases) {
        cases.add(api(NOT_5XX, NONE, "GET", "/error", null).named("/error requested directly"));
        cases.add(api(NOT_5XX, NONE, "POST", "/error", "{}").named("/error requested directly"));
        cases.add(api(NOT_5XX, NONE, "GET", "/error", null, "Accept: text/html").named("/error requested directly"));
        cases.add(api(NOT_5XX, CUSTOMER, "DELETE", "/error?status=500", null).named("/error requested directly"));
        cases.add(api(NOT_5XX, NONE, "GET", "/v3/api-docs?group=..%2F..%2Fetc", null)
                .named("OpenAPI document"));
        cases.add(api(REFUSED, NONE, "GET", "/v3/api-docs/" + "g".repeat(10_000), null)
                .named("OpenAPI document"));
        cases.add(api(REFUSED, NONE, "GET", "/v3/api-docs/%C0%AF", null).named("OpenAPI document"));
        cases.add(api(NOT_5XX, NONE, "GET", "/swagger-ui/index.html?url=javascript:alert(1337)", null)
                .named("Swagger UI"));
        cases.add(api(REFUSED, NONE, "GET", "/actuator/env", null).named("unexposed actuator"));
        cases.add(api(REFUSED, NONE, "GET", "/actuator/heapdump", null).named("unexposed actuator"));
        cases.add(api(REFUSED, NONE, "GET", "/actuator/health/" + "x".repeat(5_000), null)
                .named("actuator"));
        cases.add(api(REFUSED, NONE, "POST", "/actuator/health", "{}").named("actuator"));
        cases.add(api(NOT_5XX, NONE, "GET", "/actuator/prometheus?name[]=%C0%AF", null)
                .named("actuator"));
        cases.add(api(REFUSED, NONE, "GET", "/actuator/info/%00", null).named("actuator"));
        cases.add(api(REFUSED, CUSTOMER, "GET", "/api/v1/webhooks/event-types/%ED%A0%80", null)
                .named("event types"));
        cases.add(api(NOT_5XX, CUSTOMER, "GET", "/api/v1/webhooks/event-types?x=%C0%AF", null)
                .named("event types"));
        cases.add(api(REFUSED, CUSTOMER, "GET", "/api/v2/" + "%2e%2e/".repeat(50), null)
                .named("unknown API path"));
    }
}
