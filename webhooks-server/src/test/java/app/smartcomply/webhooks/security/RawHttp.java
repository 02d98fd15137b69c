package app.smartcomply.webhooks.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 request written byte for byte on a plain socket to 127.0.0.1, and the answer read
 * back raw — for input that {@link java.net.http.HttpClient} refuses to send (invalid UTF-8, bare
 * CR or LF, NULs, request lines of hundreds of kilobytes).
 *
 * <p>Text given to this class may carry raw bytes: a character U+E000–U+E0FF stands for the byte
 * 0x00–0xFF and is written as that single byte; every other character is written as UTF-8. So
 * {@code "\uE0C0\uE0AF"} is the overlong encoding C0 AF of '/', and {@code "\uE0ED\uE0A0\uE080"}
 * a lone surrogate as bytes.
 *
 * <p>Every read is bounded: a socket timeout, and at most {@link #MAX_ANSWER} bytes of answer.
 */
final class RawHttp {

    /** The answer as it arrived; header names lower-cased, the body de-chunked. */
    record Answer(int status, List<String[]> headers, byte[] body) {

        String header(String name) {
            return headers.stream()
                    .filter(h -> h[0].equals(name.toLowerCase(Locale.ROOT)))
                    .map(h -> h[1])
                    .findFirst()
                    .orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Everything a client sees apart from the status line, for "is a secret in here" checks. */
        String everything() {
            StringBuilder all = new StringBuilder();
            headers.forEach(h -> all.append(h[0]).append(": ").append(h[1]).append('\n'));
            return all.append('\n').append(bodyText()).toString();
        }
    }

    static final int MAX_ANSWER = 8 * 1024 * 1024;
    private static final int TIMEOUT_MS = 30_000;

    private RawHttp() {}

    /** Text to bytes: U+E000–U+E0FF become the raw byte, everything else UTF-8. */
    static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uE000' && c <= '\uE0FF') {
                out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
                run.setLength(0);
                out.write(c - '\uE000');
            } else {
                run.append(c);
            }
        }
        out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The raw byte {@code b} in text handed to this class. */
    static String b(int... bytes) {
        StringBuilder text = new StringBuilder();
        for (int b : bytes) {
            text.append((char) ('\uE000' + b));
        }
        return text.toString();
    }

    /**
     * Sends {@code head} (request line and header lines, each ending CRLF, without the blank line)
     * and {@code body}; adds Host, Content-Length (when there is a body) and Connection: close.
     * The request is written from a second thread while this one reads, so an answer the server
     * sends before reading everything (and its reset afterwards) is not lost.
     */
    static Answer exchange(int port, String head, byte[] body) throws IOException {
        StringBuilder full = new StringBuilder(head);
        full.append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (body != null) {
            full.append("Content-Length: ").append(body.length).append("\r\n");
        }
        full.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(bytes(full.toString()));
        if (body != null) {
            request.writeBytes(body);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(TIMEOUT_MS);
            byte[] wire = request.toByteArray();
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(wire);
                    out.flush();
                } catch (IOException serverStoppedReading) {
                    // Expected when the server answers early (e.g. a too-large request) and closes.
                }
            });
            byte[] raw = readAll(socket.getInputStream());
            writer.interrupt();
            return parse(raw);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                raw.write(buffer, 0, n);
                if (raw.size() > MAX_ANSWER) {
                    throw new IOException("answer longer than " + MAX_ANSWER + " bytes");
                }
            }
        } catch (java.net.SocketException reset) {
            if (raw.size() == 0) {
                throw reset; // no answer at all
            }
            // An answer arrived, then the server reset the connection (it did not read all we sent).
        } catch (SocketTimeoutException slow) {
            throw new IOException(
                    "no complete answer within " + TIMEOUT_MS + " ms (got " + raw.size() + " bytes)", slow);
        }
        return raw.toByteArray();
    }

    private static Answer parse(byte[] raw) throws IOException {
        int headEnd = indexOf(raw, new byte[] {'\r', '\n', '\r', '\n'}, 0);
        if (headEnd < 0) {
            throw new IOException("not an HTTP answer: "
                    + new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {
                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                lines[i].substring(colon + 1).trim()
            });
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        boolean chunked = headers.stream()
                .anyMatch(h -> h[0].equals("transfer-encoding")
                        && h[1].toLowerCase(Locale.ROOT).contains("chunked"));
        return new Answer(status, headers, chunked ? dechunk(body) : body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
