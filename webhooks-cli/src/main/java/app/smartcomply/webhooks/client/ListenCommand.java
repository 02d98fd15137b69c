package app.smartcomply.webhooks.client;

import app.smartcomply.webhooks.signature.SigningSecret;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code listen}: connects out to the service (Server-Sent Events on its API port, through a proxy
 * if one is set), forwards each event to the local receiver signed with the session's secret,
 * prints one line per forward and reports it back. Reconnects by itself with backoff and resumes
 * after the last event it handled ({@code Last-Event-ID}), also across its own restarts (the state
 * file). A failing or absent receiver is reported and the stream goes on.
 */
@Command(
        name = "listen",
        mixinStandardHelpOptions = true,
        description = "Forward the account's events to a receiver on this machine: no tunnel, nothing inbound.")
final class ListenCommand implements Callable<Integer> {

    /** The service sends a keep-alive at least every 15 s; this long without a byte means the connection is dead. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(45);

    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    @Mixin
    ServiceOptions service;

    @Option(
            names = "--forward-to",
            required = true,
            paramLabel = "URL",
            description = "Where to POST each event, e.g. http://localhost:3000/webhooks/smartcomply.")
    String forwardTo;

    @Option(
            names = "--events",
            split = ",",
            paramLabel = "TYPE",
            description = "Event types to receive, comma-separated (default: all).")
    List<String> events = new ArrayList<>();

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "How long the local receiver has to answer each event (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
            names = "--state-file",
            paramLabel = "FILE",
            description = "Where to keep the session and the last event handled, to resume after a restart "
                    + "(default: a file under ~/.smartcomply/listen/ named after this command line).")
    Path stateFile;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final AtomicLong lastActivity = new AtomicLong();
    private boolean announced;

    @Override
    public Integer call() throws Exception {
        URI target = localTarget();
        ServiceApi api = ServiceApi.of(service);
        HttpClient http = service.client();
        Forwarder forwarder = new Forwarder(target, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        ListenState state = ListenState.load(
                stateFile, api.base().toString(), service.apiKey(), forwardTo, String.join(",", events));
        Duration backoff = Duration.ofSeconds(1);
        while (true) {
            boolean streamed = false;
            try {
                streamed = streamOnce(http, api, forwarder, state);
            } catch (ServiceCallFailed refused) {
                if (refused.status() >= 400
                        && refused.status() < 500
                        && refused.status() != 408
                        && refused.status() != 429) {
                    err.println("The service refused to listen: " + refused.getMessage());
                    return 1;
                }
                err.println("The service failed: " + refused.getMessage());
            } catch (IOException e) {
                err.println("Connection to " + api.base() + " lost (" + describe(e) + ").");
            }
            if (streamed) {
                backoff = Duration.ofSeconds(1);
            }
            long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, backoff.toMillis() / 4));
            err.println("Reconnecting in " + backoff.toSeconds() + " s…");
            Thread.sleep(backoff.toMillis() + jitter);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** One connection, until it ends. @return whether it got as far as the session message */
    private boolean streamOnce(HttpClient http, ServiceApi api, Forwarder forwarder, ListenState state)
            throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("/api/v1/listen?forward_to=").append(encode(forwardTo));
        if (!events.isEmpty()) {
            query.append("&events=").append(encode(String.join(",", events)));
        }
        if (state.sessionId != null && state.signingSecret != null) {
            query.append("&session=").append(encode(state.sessionId));
        }
        HttpRequest.Builder request = api.request(query.toString())
                .header("Accept", "text/event-stream")
                .GET();
        if (state.lastEventId != null) {
            request.header("Last-Event-ID", state.lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            byte[] body = BoundedBody.read(response.body(), ServiceApi.MAX_ANSWER, ServiceApi.TIMEOUT)
                    .bytes();
            throw ServiceApi.failure(response.statusCode(), new String(body, StandardCharsets.UTF_8));
        }
        InputStream stream = response.body();
        lastActivity.set(System.nanoTime());
        // Every read is bounded: a connection that goes silent (no keep-alive either) is closed here.
        ScheduledFuture<?> watchdog = BoundedBody.every(Duration.ofSeconds(5), () -> {
            if (System.nanoTime() - lastActivity.get() > IDLE_LIMIT.toNanos()) {
                BoundedBody.closeQuietly(stream);
            }
        });
        boolean sessionStarted = false;
        try (InputStream in = new BufferedInputStream(stream)) {
            SseReader reader = new SseReader(in, () -> lastActivity.set(System.nanoTime()));
            for (SseReader.Message message = reader.next(); message != null; message = reader.next()) {
                switch (message.event()) {
                    case "session" -> {
                        sessionStarted = true;
                        if (!session(Json.parseObject(message.data()), state, api.base())) {
                            return true; // reconnect at once for a new session
                        }
                    }
                    case "delivery" -> deliver(message, forwarder, api, state);
                    default -> {} // a message type of a newer service: not for this CLI
                }
            }
            return sessionStarted;
        } finally {
            watchdog.cancel(false);
        }
    }

    /** @return false if the session cannot be used (its secret was lost) and a new one is needed */
    private boolean session(Map<String, Object> session, ListenState state, URI base) throws IOException {
        String id = (String) session.get("session_id");
        String secret = (String) session.get("signing_secret");
        if (secret != null) {
            boolean replaced = state.sessionId != null && !state.sessionId.equals(id);
            state.sessionId = id;
            state.signingSecret = secret;
            state.save();
            if (replaced) {
                out.println("The previous session has expired: a new one was opened.");
            }
            out.println("Session " + id + " (" + session.get("mode") + " mode). Signing secret, shown once: " + secret);
            out.println(
                    "Give this secret to your receiver (e.g. SMARTCOMPLY_WEBHOOK_SECRET) to verify the deliveries.");
        } else if (state.signingSecret == null || !id.equals(state.sessionId)) {
            state.sessionId = null;
            state.signingSecret = null;
            return false;
        } else if (!announced) {
            out.println("Resumed session " + id + " (" + session.get("mode") + " mode); its secret is unchanged.");
        }
        if (!announced) {
            announced = true;
            Object types = session.get("events");
            out.println("Forwarding "
                    + (types instanceof List<?> l
                            ? String.join(", ", l.stream().map(String::valueOf).toList())
                            : "*") + " events from " + base + " to " + forwardTo + ". Ctrl-C to stop.");
        }
        out.flush();
        return true;
    }

    private void deliver(SseReader.Message message, Forwarder forwarder, ServiceApi api, ListenState state)
            throws IOException, InterruptedException {
        int newline = message.data().indexOf('\n');
        if (newline < 0 || message.id() == null) {
            throw new IOException("The service sent a delivery message this CLI cannot read.");
        }
        Map<String, Object> meta = Json.parseObject(message.data().substring(0, newline));
        byte[] payload = message.data().substring(newline + 1).getBytes(StandardCharsets.UTF_8);
        String deliveryId = (String) meta.get("delivery_id");
        String eventId = (String) meta.get("event_id");
        String type = (String) meta.get("event_type");
        int attempt = meta.get("attempt") instanceof Number n ? n.intValue() : 1;
        Forwarder.Outcome outcome = forwarder.forward(
                SigningSecret.parse(state.signingSecret), deliveryId, eventId, type, attempt, payload);
        // Handled, whatever the receiver said: a restart resumes after it. Saved before anything else
        // so that an interruption after the line below never forwards it again.
        state.lastEventId = message.id();
        state.save();
        out.printf(
                "%s  %-30s %s  %s  %d ms%s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                type,
                eventId,
                outcome.status() == null ? "---" : outcome.status().toString(),
                outcome.durationMs(),
                outcome.error() == null ? "" : "  " + outcome.error());
        out.flush();
        report(api, state.sessionId, deliveryId, eventId, outcome, forwarder.target());
    }

    /** Tells the service how the forward went, for the delivery log. A failure here is only a warning. */
    private void report(
            ServiceApi api, String sessionId, String deliveryId, String eventId, Forwarder.Outcome outcome, URI target)
            throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delivery_id", deliveryId);
        body.put("event_id", eventId);
        body.put("url", target.toString());
        List<Object> headers = new ArrayList<>();
        for (String[] h : outcome.requestHeaders()) {
            headers.add(List.of(h[0], h[1]));
        }
        body.put("request_headers", headers);
        body.put("response_status", outcome.status());
        body.put("duration_ms", outcome.durationMs());
        body.put("response_body", outcome.body());
        body.put("error", outcome.error());
        try {
            api.post("/api/v1/listen/sessions/" + encode(sessionId) + "/results", body);
        } catch (IOException | ServiceCallFailed | IllegalArgumentException e) {
            err.println("Could not record " + eventId + " in the delivery log: " + e.getMessage());
        }
    }

    private URI localTarget() {
        try {
            URI uri = URI.create(forwardTo);
            if (uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    "--forward-to must be an http:// or https:// URL, e.g. http://localhost:3000/webhooks");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
