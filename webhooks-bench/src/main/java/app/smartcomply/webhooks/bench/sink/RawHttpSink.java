package app.smartcomply.webhooks.bench.sink;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal HTTP/1.1 server on virtual threads: one thread per listener accepting, one per
 * connection serving requests one after another (keep-alive), no allocation beyond a line buffer and
 * the few header values it needs. Enough HTTP for a webhook sender: {@code Content-Length} and
 * chunked request bodies, {@code Connection: close}.
 */
final class RawHttpSink extends Sink {

    private static final byte[] OK =
            ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
    private static final byte[] FAIL =
            ascii("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nfail");

    private final List<ServerSocket> listeners = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    private RawHttpSink(List<Reply> replies) {
        super(replies);
    }

    static RawHttpSink start(List<Reply> replies, int ports) {
        RawHttpSink sink = new RawHttpSink(replies);
        try {
            for (int i = 0; i < Math.max(1, ports); i++) {
                ServerSocket server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
                sink.listeners.add(server);
                Thread.ofVirtual().name("sink-accept-" + i).start(() -> sink.accept(server));
            }
        } catch (IOException e) {
            sink.close();
            throw new UncheckedIOException(e);
        }
        return sink;
    }

    @Override
    public String url(int index) {
        return "http://127.0.0.1:" + listeners.get(index % listeners.size()).getLocalPort() + "/e/" + index;
    }

    private void accept(ServerSocket server) {
        while (open) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            LineReader in = new LineReader(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (open) {
                String requestLine = in.line();
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                int firstSpace = requestLine.indexOf(' ');
                int secondSpace = requestLine.indexOf(' ', firstSpace + 1);
                String path =
                        firstSpace < 0 || secondSpace < 0 ? null : requestLine.substring(firstSpace + 1, secondSpace);
                long contentLength = 0;
                boolean chunked = false;
                boolean close = false;
                String eventId = null;
                for (String header = in.line(); header != null && !header.isEmpty(); header = in.line()) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        continue;
                    }
                    String name = header.substring(0, colon);
                    if (name.equalsIgnoreCase("content-length")) {
                        contentLength =
                                Long.parseLong(header.substring(colon + 1).trim());
                    } else if (name.equalsIgnoreCase("x-smartcomply-event-id")
                            || name.equalsIgnoreCase("x-bench-event-id")) {
                        eventId = header.substring(colon + 1).trim();
                    } else if (name.equalsIgnoreCase("transfer-encoding")) {
                        chunked = header.regionMatches(true, colon + 1, " chunked", 0, 8);
                    } else if (name.equalsIgnoreCase("connection")) {
                        close = header.regionMatches(true, colon + 1, " close", 0, 6);
                    }
                }
                if (chunked) {
                    in.skipChunked();
                } else {
                    in.skip(contentLength);
                }
                int endpoint = endpointOf(path);
                arrived(endpoint, eventId);
                Reply reply = replyFor(endpoint);
                switch (reply.kind()) {
                    case OK -> out.write(OK);
                    case FAIL -> out.write(FAIL);
                    case SLOW -> {
                        holding();
                        try {
                            Thread.sleep(reply.delay());
                        } finally {
                            released();
                        }
                        out.write(OK);
                    }
                    case TIMEOUT -> {
                        holding();
                        try {
                            Thread.sleep(reply.delay());
                        } finally {
                            released();
                        }
                        return;
                    }
                    case RESET -> {
                        socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
                        return;
                    }
                }
                out.flush();
                bookAnswer();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the peer went away or sent something this sink does not speak: drop the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(socket);
        }
    }

    @Override
    public void close() {
        open = false;
        for (ServerSocket server : listeners) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Buffered reading of CRLF lines and raw bytes from one connection. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;
        private final StringBuilder line = new StringBuilder(128);

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line without its CRLF, or null at end of stream before any byte. */
        String line() throws IOException {
            line.setLength(0);
            while (true) {
                if (position == limit && !fill()) {
                    return line.isEmpty() ? null : line.toString();
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    int length = line.length();
                    if (length > 0 && line.charAt(length - 1) == '\r') {
                        line.setLength(length - 1);
                    }
                    return line.toString();
                }
                if (line.length() > 16 * 1024) {
                    throw new IOException("header line too long");
                }
                line.append((char) (b & 0xFF));
            }
        }

        void skip(long count) throws IOException {
            long left = count;
            while (left > 0) {
                if (position == limit && !fill()) {
                    throw new EOFException();
                }
                int step = (int) Math.min(left, limit - position);
                position += step;
                left -= step;
            }
        }

        void skipChunked() throws IOException {
            while (true) {
                String size = line();
                if (size == null) {
                    throw new EOFException();
                }
                int semicolon = size.indexOf(';');
                long length = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (length == 0) {
                    for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                        // trailers are ignored
                    }
                    return;
                }
                skip(length);
                line(); // CRLF after the chunk
            }
        }

        private boolean fill() throws IOException {
            int read = in.read(buffer);
            if (read <= 0) {
                return false;
            }
            position = 0;
            limit = read;
            return true;
        }
    }
}
