package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.testkit.TestReceiver.Received;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs {@code node} on {@code v1a/verify-v1a.mjs}: Node's {@code crypto.verify} checks each
 * {@code v1a} entry of a received delivery against the keys of a JWKS, as a receiver in Node
 * would. Bounded: the process is killed after 30 seconds.
 */
final class NodeV1aVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NodeV1aVerifier() {}

    /** For each v1a entry, in header order: the kid of the key that verifies it, or "none". */
    static List<String> verifiedKeyIds(JsonNode jwks, Received delivery) throws IOException, InterruptedException {
        ObjectNode input = JSON.createObjectNode();
        input.set("jwks", jwks);
        input.put("id", delivery.header("webhook-id"));
        input.put("timestamp", delivery.header("webhook-timestamp"));
        input.put("signature", delivery.header("webhook-signature"));
        input.put("body", Base64.getEncoder().encodeToString(delivery.body()));
        Process node = new ProcessBuilder("node", script().toString())
                .redirectErrorStream(true)
                .start();
        try (OutputStream stdin = node.getOutputStream()) {
            stdin.write(JSON.writeValueAsBytes(input));
        }
        if (!node.waitFor(30, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("node did not finish within 30 s");
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (node.exitValue() != 0) {
            throw new AssertionError("node failed (" + node.exitValue() + "): " + output);
        }
        return output.lines().toList();
    }

    private static Path script() {
        try {
            return Path.of(
                    NodeV1aVerifier.class.getResource("/v1a/verify-v1a.mjs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
