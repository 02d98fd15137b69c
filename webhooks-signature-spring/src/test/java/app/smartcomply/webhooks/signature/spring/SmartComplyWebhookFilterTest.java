package app.smartcomply.webhooks.signature.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The filter in front of a real Spring MVC controller (Spring's MockMvc dispatching through the
 * real DispatcherServlet): genuine deliveries reach the controller with the exact body, every kind
 * of forgery is answered with its reason and never reaches it.
 */
class SmartComplyWebhookFilterTest {

    static final long NOW = 1767225600L;
    static final SigningSecret OLD = SigningSecret.generate();
    static final SigningSecret NEW = SigningSecret.generate();
    static final String BODY = "{ \"id\": \"evt_1\", \"type\": \"test.submitted\", \"title\": \"Zoë – 🚀\" }";

    final Receiver receiver = new Receiver();
    MockMvc mvc;

    @RestController
    static class Receiver {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<byte[]> rawBodies = new CopyOnWriteArrayList<>();

        @PostMapping("/webhooks/smartcomply")
        String receive(
                @RequestBody String body, @RequestAttribute(SmartComplyWebhookFilter.RAW_BODY_ATTRIBUTE) byte[] raw) {
            bodies.add(body);
            rawBodies.add(raw);
            return "{\"received\":true}";
        }

        @PostMapping("/other")
        String other(@RequestBody String body) {
            return "other:" + body;
        }
    }

    @BeforeEach
    void setUp() {
        WebhookVerifier verifier = WebhookVerifier.withSecrets(List.of(OLD, NEW))
                .withClock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        mvc = MockMvcBuilders.standaloneSetup(receiver)
                .addFilters(new SmartComplyWebhookFilter(verifier, 1024, "/webhooks/smartcomply"))
                .build();
    }

    @Test
    void aGenuineDeliveryReachesTheControllerWithItsExactBody() throws Exception {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        mvc.perform(delivery(body, WebhookSigner.signatureHeader(NOW - 10, body, List.of(OLD))))
                .andExpect(status().isOk())
                .andExpect(content().string("{\"received\":true}"));
        assertThat(receiver.bodies).containsExactly(BODY);
        assertThat(receiver.rawBodies.get(0)).isEqualTo(body);
    }

    @Test
    void duringARotationTheValidSignatureNeedNotBeFirst() throws Exception {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        SigningSecret unknown = SigningSecret.generate();
        mvc.perform(delivery(body, WebhookSigner.signatureHeader(NOW, body, List.of(unknown, NEW))))
                .andExpect(status().isOk());
        assertThat(receiver.bodies).hasSize(1);
    }

    @Test
    void eachRejectionNamesItsReasonAndNeverReachesTheController() throws Exception {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        byte[] altered = BODY.replace("evt_1", "evt_2").getBytes(StandardCharsets.UTF_8);
        expectRejected(delivery(body, null), 400, "malformed_header");
        expectRejected(delivery(body, "t=abc,v1=00"), 400, "malformed_header");
        expectRejected(
                delivery(body, WebhookSigner.signatureHeader(NOW - 301, body, List.of(NEW))), 401, "timestamp_too_old");
        expectRejected(
                delivery(body, WebhookSigner.signatureHeader(NOW + 301, body, List.of(NEW))),
                401,
                "timestamp_in_future");
        expectRejected(
                delivery(altered, WebhookSigner.signatureHeader(NOW, body, List.of(NEW))),
                401,
                "no_matching_signature");
        expectRejected(
                delivery(body, WebhookSigner.signatureHeader(NOW, body, List.of(SigningSecret.generate()))),
                401,
                "no_matching_signature");
        assertThat(receiver.bodies).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefusedUnread() throws Exception {
        byte[] body = ("{\"pad\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
        expectRejected(delivery(body, WebhookSigner.signatureHeader(NOW, body, List.of(NEW))), 413, "body_too_large");
        assertThat(receiver.bodies).isEmpty();
    }

    @Test
    void otherRoutesAreNotFiltered() throws Exception {
        mvc.perform(post("/other").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk())
                .andExpect(content().string("other:{}"));
    }

    @Test
    void theAnswerNeverContainsTheHeaderOrTheBody() throws Exception {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String forged = "t=" + NOW + ",v1=" + "ab".repeat(32);
        String answer =
                mvc.perform(delivery(body, forged)).andReturn().getResponse().getContentAsString();
        assertThat(answer).doesNotContain("abab").doesNotContain("evt_1").contains("no_matching_signature");
    }

    private void expectRejected(MockHttpServletRequestBuilder request, int status, String code) throws Exception {
        mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(content().string(containsString("\"status\":" + status + ",")))
                .andExpect(content().string(containsString("\"code\":\"" + code + "\"")));
    }

    private static MockHttpServletRequestBuilder delivery(byte[] body, String signature) {
        MockHttpServletRequestBuilder request = post("/webhooks/smartcomply")
                .contentType(MediaType.APPLICATION_JSON)
                .characterEncoding(StandardCharsets.UTF_8)
                .content(body);
        return signature == null ? request : request.header(WebhookSigner.SIGNATURE_HEADER, signature);
    }
}
