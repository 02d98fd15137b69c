package app.smartcomply.webhooks.listen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forward proxy for plain HTTP on 127.0.0.1, as a company's egress proxy is to a client: it reads
 * the first request line ({@code GET http://host:port/… HTTP/1.1}), connects to that host and relays
 * bytes both ways (an HTTP/1.1 server accepts the absolute form). It records each target it relayed to.
 */
final class PlainHttpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    PlainHttpProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The first request line of every connection relayed. */
    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            String first = line.toString(StandardCharsets.US_ASCII).trim();
            requestLines.add(first);
            URI target = URI.create(first.split(" ")[1]);
            try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                OutputStream up = upstream.getOutputStream();
                up.write((first + "\r\n").getBytes(StandardCharsets.US_ASCII));
                Thread back = Thread.ofVirtual().start(() -> pipe(upstream, client));
                pipe(client, upstream);
                back.join();
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            // a side hung up: this relay is over
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
