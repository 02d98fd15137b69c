package app.smartcomply.webhooks.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quickstart's receiver, run as the README runs it ({@code node server.mjs}), listens on
 * {@code PORT} when it is set: a developer whose port 3000 is taken can still follow the quickstart.
 */
class ExpressReceiverPortTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void nodeAndExpress() {
        NodeToolchain.requireInstalled(ExpressQuickstartReceiver.FIXTURE);
    }

    @Test
    void listensOnThePortNamedByPort() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("node", "server.mjs")
                .directory(ExpressQuickstartReceiver.FIXTURE.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("SMARTCOMPLY_WEBHOOK_SECRET", "whsec_port_test");
        Process node = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        try {
            String expected = "Webhook receiver running on :" + port;
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!output.contains(expected) && node.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(output).as("what server.mjs printed").contains(expected);
            try (Socket connected = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(connected.isConnected()).isTrue();
            }
        } finally {
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }
}
