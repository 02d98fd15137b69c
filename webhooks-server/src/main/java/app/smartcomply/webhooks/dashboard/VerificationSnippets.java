package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.signature.WebhookSigner;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The endpoint page's copy-paste receivers for Node (Express), Python (Flask) and Java (Spring
 * MVC), each verifying with our library for that ecosystem (clients/node, clients/python,
 * webhooks-signature-spring).
 *
 * <p>The header names come from {@link WebhookSigner}, which the delivery path signs with, so a
 * snippet can never name a header the service does not send; the route is the path of the
 * endpoint's own URL. The secret itself is never in a snippet: it is read from
 * {@code SMARTCOMPLY_WEBHOOK_SECRET}, and only its masked hint is shown beside it.
 *
 * @param signatureHeader the signature header's name
 * @param eventIdHeader the event id header's name, to de-duplicate on
 * @param secretHint the endpoint's masked secret ({@code whsec_…abcd})
 * @param snippets one per ecosystem, in display order
 */
record VerificationSnippets(String signatureHeader, String eventIdHeader, String secretHint, List<Snippet> snippets) {

    /** Route used when the endpoint's URL has no path we can safely put into code. */
    static final String DEFAULT_ROUTE = "/webhooks/smartcomply";
    /** A path that is safe inside a string literal of all three languages. */
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9/_.~%-]*");

    /**
     * @param id stable element id suffix ({@code node}, {@code python}, {@code java})
     * @param title what the snippet is, e.g. "Node.js (Express)"
     * @param install how to add the library
     * @param code the receiver
     */
    record Snippet(String id, String title, String install, String code) {}

    /** The snippets for this endpoint. */
    static VerificationSnippets of(Endpoint endpoint) {
        String route = routeOf(endpoint.url());
        String sig = WebhookSigner.SIGNATURE_HEADER;
        String eventId = WebhookSigner.EVENT_ID_HEADER;
        return new VerificationSnippets(
                sig,
                eventId,
                endpoint.secretHint(),
                List.of(
                        new Snippet(
                                "node",
                                "Node.js (Express)",
                                "npm install ./clients/node  (package @smartcomply/webhooks)",
                                """
            import express from 'express';
            import { webhookMiddleware } from '@smartcomply/webhooks';

            const app = express();
            // Verifies the %1$s header on the raw body before your handler runs;
            // mount it before express.json(). Rejections get 400/401 with the reason.
            app.post('%2$s', webhookMiddleware({ secret: process.env.SMARTCOMPLY_WEBHOOK_SECRET }), (req, res) => {
              const eventId = req.get('%3$s'); // de-duplicate on it
              console.log(`Received ${req.body.type} (id: ${eventId})`);
              res.json({ received: true });
            });
            app.listen(3000);
            """.formatted(sig, route, eventId)),
                        new Snippet(
                                "python",
                                "Python (Flask)",
                                "pip install ./clients/python  (package smartcomply-webhooks)",
                                """
            import os
            from flask import Flask, jsonify, request
            from smartcomply_webhooks import WebhookVerificationError, verify

            app = Flask(__name__)

            @app.post("%2$s")
            def receive():
                try:
                    verify(request.get_data(), request.headers.get("%1$s"),
                           os.environ["SMARTCOMPLY_WEBHOOK_SECRET"])
                except WebhookVerificationError as e:
                    return jsonify(code=e.reason), e.status
                event = request.get_json()
                event_id = request.headers["%3$s"]  # de-duplicate on it
                return jsonify(received=True)
            """.formatted(sig, route, eventId)),
                        new Snippet(
                                "java",
                                "Java (Spring MVC)",
                                "app.smartcomply.webhooks:webhooks-signature-spring (brings webhooks-signature)",
                                """
            @Bean // verifies the %1$s header on the raw body before the controller
            SmartComplyWebhookFilter smartComplyWebhookFilter() {
                return new SmartComplyWebhookFilter(WebhookVerifier.withSecret(
                        SigningSecret.parse(System.getenv("SMARTCOMPLY_WEBHOOK_SECRET"))), "%2$s");
            }

            @PostMapping("%2$s")
            Map<String, Boolean> receive(@RequestBody JsonNode event,
                                         @RequestHeader("%3$s") String eventId) { // de-duplicate on it
                return Map.of("received", true);
            }
            """.formatted(sig, route, eventId))));
    }

    /** The path of the endpoint's URL if it is plain enough to paste into code, else the default. */
    static String routeOf(String url) {
        try {
            String path = URI.create(url).getRawPath();
            return path != null && path.length() > 1 && SAFE_PATH.matcher(path).matches() ? path : DEFAULT_ROUTE;
        } catch (IllegalArgumentException e) {
            return DEFAULT_ROUTE;
        }
    }
}
