package app.smartcomply.webhooks.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP CONNECT proxy on 127.0.0.1 (random port), standing in for the operator's egress
 * proxy (smokescreen, squid): it answers {@code CONNECT host:port} by opening a tunnel and pipes
 * bytes both ways, remembering each CONNECT target and the bytes clients sent through tunnels.
 * Anything else is answered 405. Every read is bounded: the request head to 8 KiB, every socket by
 * a timeout, the remembered bytes to 4 MiB.
 *
 * <p>With an {@code upstream}, every tunnel leads there whatever its target — so a test can CONNECT
 * to a public address and still reach a receiver on loopback, with no packet leaving the machine.
 */
public final class ConnectProxy implements AutoCloseable {

    private static final int MAX_HEAD = 8 * 1024;
    private static final int MAX_RECORDED = 4 * 1024 * 1024;
    private static final int TIMEOUT_MS = 30_000;

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream forwarded = new ByteArrayOutputStream();

    private ConnectProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("connect-proxy").start(this::acceptLoop);
    }

    /** A proxy that connects each tunnel to its CONNECT target. */
    public static ConnectProxy start() throws IOException {
        return new ConnectProxy(null);
    }

    /** A proxy whose every tunnel leads to {@code upstream}. */
    public static ConnectProxy toUpstream(InetSocketAddress upstream) throws IOException {
        return new ConnectProxy(upstream);
    }

    /** {@code http://127.0.0.1:<port>}, as WEBHOOKS_EGRESS_PROXY takes it. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The {@code host:port} of every CONNECT received, in order. */
    public List<String> connectTargets() {
        return List.copyOf(targets);
    }

    /** What clients sent through the tunnels (the first 4 MiB), as ISO-8859-1 text. */
    public String forwardedText() {
        synchronized (forwarded) {
            return forwarded.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> tunnel(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            client.setSoTimeout(TIMEOUT_MS);
            String[] requestLine =
                    readHead(client.getInputStream()).split("\r\n", 2)[0].split(" ");
            if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
                client.getOutputStream()
                        .write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes());
                return;
            }
            targets.add(requestLine[1]);
            int colon = requestLine[1].lastIndexOf(':');
            InetSocketAddress target = upstream != null
                    ? upstream
                    : new InetSocketAddress(
                            requestLine[1].substring(0, colon), Integer.parseInt(requestLine[1].substring(colon + 1)));
            try (Socket server = new Socket()) {
                server.connect(target, 5_000);
                server.setSoTimeout(TIMEOUT_MS);
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes());
                Thread back = Thread.ofVirtual().start(() -> pipe(server, client, false));
                pipe(client, server, true);
                back.join(TIMEOUT_MS);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            // the tunnel ends; the client sees its connection close
        }
    }

    /** The request head, up to the blank line, at most {@value #MAX_HEAD} bytes. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        throw new IOException("no complete request head within " + MAX_HEAD + " bytes");
    }

    private void pipe(Socket from, Socket to, boolean record) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                if (record) {
                    synchronized (forwarded) {
                        forwarded.write(buffer, 0, Math.min(n, Math.max(0, MAX_RECORDED - forwarded.size())));
                    }
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed or timed out: so does the tunnel
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
