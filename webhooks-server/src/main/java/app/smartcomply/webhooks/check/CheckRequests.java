package app.smartcomply.webhooks.check;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import app.smartcomply.webhooks.endpoint.CustomHeader;
import app.smartcomply.webhooks.event.WireFormat;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the requests of one check, each with the headers of a real delivery attempt — both
 * signature schemes ({@code X-SmartComply-Signature} and Standard Webhooks' {@code
 * webhook-signature}) spoiled alike, so a receiver verifying either one is graded fairly.
 * Timestamps come from the service's clock at the moment a request is built, just before it is
 * sent. Not thread-safe: one instance per check, used by its one thread.
 */
final class CheckRequests {

    /** How old the stale request's timestamp is: twice the usual 5-minute tolerance. */
    static final Duration STALE_BY = Duration.ofMinutes(10);

    static final String TEST_TYPE = "webhook.test";
    static final String CHECK_TYPE = "webhook.check";

    /** One request: the headers and the exact body bytes to send. */
    record Probe(List<Header> headers, byte[] body) {}

    private final String checkId;
    private final String endpointId;
    private final List<SigningSecret> secrets;
    private final SigningSecret forger = SigningSecret.generate();
    private final Clock clock;
    private final PrefixedIds ids;
    private final JsonMapper json;
    private final String userAgent;
    private final List<CustomHeader> customHeaders;
    private String testEventId;
    private byte[] testEventBody;

    /**
     * @param secrets the endpoint's valid signing secrets, oldest first, newest last; not empty
     * @param customHeaders the endpoint's custom headers, sent last as its deliveries send them
     */
    CheckRequests(
            String checkId,
            String endpointId,
            List<SigningSecret> secrets,
            Clock clock,
            PrefixedIds ids,
            JsonMapper json,
            String userAgent,
            List<CustomHeader> customHeaders) {
        this.checkId = checkId;
        this.endpointId = endpointId;
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
        this.ids = ids;
        this.json = json;
        this.userAgent = userAgent;
        this.customHeaders = List.copyOf(customHeaders);
    }

    /** 1: a {@code webhook.test} event signed like any delivery. */
    Probe valid() {
        testEventId = ids.next("evt_");
        testEventBody =
                body(testEventId, TEST_TYPE, "This is a test event from a SmartComply Webhooks endpoint check.");
        return signed(testEventId, TEST_TYPE, testEventBody, now(), secrets, 1);
    }

    /** 2: signed with a secret that is not the endpoint's. */
    Probe forged() {
        String id = ids.next("evt_");
        byte[] body = hostileBody(id, CheckCase.FORGED_SIGNATURE);
        return signed(id, CHECK_TYPE, body, now(), List.of(forger), 1);
    }

    /** 3: correctly signed, with a timestamp {@link #STALE_BY} old. */
    Probe stale() {
        String id = ids.next("evt_");
        byte[] body = hostileBody(id, CheckCase.STALE_TIMESTAMP);
        return signed(id, CHECK_TYPE, body, now() - STALE_BY.toSeconds(), secrets, 1);
    }

    /** 4: correctly signed, then one byte of the body changed ({@code "amount":100} becomes 900). */
    Probe tampered() {
        String id = ids.next("evt_");
        byte[] body = hostileBody(id, CheckCase.TAMPERED_BODY);
        Probe signed = signed(id, CHECK_TYPE, body, now(), secrets, 1);
        byte[] changed = body.clone();
        changed[indexOf(changed, "\"amount\":1".getBytes(StandardCharsets.US_ASCII)) + 9] = '9';
        return new Probe(signed.headers(), changed);
    }

    /** 5: no signature header of either scheme. */
    Probe unsigned() {
        String id = ids.next("evt_");
        byte[] body = hostileBody(id, CheckCase.MISSING_SIGNATURE);
        List<Header> headers = headers(id, CHECK_TYPE, now(), null, null, 1);
        return new Probe(headers, body);
    }

    /**
     * 6: two {@code v1=} values, one by a secret that is not the endpoint's, one by its newest
     * secret — the valid one last (a receiver holding the new secret during a rotation) or first
     * (one still holding the old secret).
     */
    Probe rotation(boolean validLast) {
        String id = ids.next("evt_");
        byte[] body = hostileBody(id, CheckCase.ROTATED_SECRETS);
        List<SigningSecret> pair = validLast ? List.of(forger, secrets.getLast()) : List.of(secrets.getLast(), forger);
        return signed(id, CHECK_TYPE, body, now(), pair, 1);
    }

    /** 7: the event of request 1 again, signed afresh — what a retry after a lost answer looks like. */
    Probe duplicate() {
        if (testEventId == null) {
            throw new IllegalStateException("the valid request is sent first");
        }
        return signed(testEventId, TEST_TYPE, testEventBody, now(), secrets, 2);
    }

    private Probe signed(
            String eventId, String type, byte[] body, long timestamp, List<SigningSecret> by, int attempt) {
        return new Probe(
                headers(
                        eventId,
                        type,
                        timestamp,
                        WebhookSigner.signatureHeader(timestamp, body, by),
                        WebhookSigner.standardWebhooksSignature(eventId, timestamp, body, by),
                        attempt),
                body);
    }

    /** The headers of a delivery attempt (as the engine sends them), the signatures left out when null. */
    private List<Header> headers(
            String eventId, String type, long timestamp, String signature, String standardSignature, int attempt) {
        List<Header> headers = new ArrayList<>(10);
        headers.add(new Header("Content-Type", "application/json"));
        headers.add(new Header("User-Agent", userAgent));
        if (signature != null) {
            headers.add(new Header(WebhookSigner.SIGNATURE_HEADER, signature));
        }
        headers.add(new Header(WebhookSigner.EVENT_ID_HEADER, eventId));
        headers.add(new Header(WebhookSigner.EVENT_TYPE_HEADER, type));
        headers.add(new Header(WebhookSigner.DELIVERY_ID_HEADER, checkId.replace("chk_", "whd_")));
        headers.add(new Header(WebhookSigner.ATTEMPT_HEADER, Integer.toString(attempt)));
        headers.add(new Header(WebhookSigner.WEBHOOK_ID_HEADER, eventId));
        headers.add(new Header(WebhookSigner.WEBHOOK_TIMESTAMP_HEADER, Long.toString(timestamp)));
        if (standardSignature != null) {
            headers.add(new Header(WebhookSigner.WEBHOOK_SIGNATURE_HEADER, standardSignature));
        }
        // A receiver may authenticate the sender by one of these: without them it would refuse every case.
        customHeaders.forEach(h -> headers.add(new Header(h.name(), h.value())));
        return headers;
    }

    private byte[] hostileBody(String eventId, CheckCase c) {
        return body(
                eventId,
                CHECK_TYPE,
                "A request of a SmartComply Webhooks endpoint check (" + c.wire() + ")."
                        + " Nothing should be done with it.");
    }

    /** An event payload in the shape deliveries carry: id, type, created_at, data. */
    private byte[] body(String eventId, String type, String message) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("id", eventId);
        envelope.put("type", type);
        envelope.put("created_at", WireFormat.timestamp(clock.millis()));
        ObjectNode data = envelope.putObject("data");
        data.put("message", message);
        data.put("endpoint_id", endpointId);
        data.put("check_id", checkId);
        data.put("amount", 100);
        return json.writeValueAsBytes(envelope);
    }

    private long now() {
        return Math.floorDiv(clock.millis(), 1000);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not in body");
    }
}
