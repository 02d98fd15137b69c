package app.smartcomply.webhooks.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a Server-Sent Events stream message by message (the {@code id}, {@code event} and {@code
 * data} fields; comments are skipped). A line longer than {@link #MAX_LINE} bytes is an error, so a
 * broken stream cannot grow the CLI's memory without end.
 */
final class SseReader {

    /** An event's payload is at most 256 KiB of JSON; this leaves room for its escaping. */
    static final int MAX_LINE = 4 * 1024 * 1024;

    /** One message; {@code id} is null when it carried none. */
    record Message(String id, String event, String data) {}

    private final InputStream in;
    private final Runnable onBytes;

    /** @param onBytes called whenever a line arrives (keep-alives included): the idle watchdog's feed */
    SseReader(InputStream in, Runnable onBytes) {
        this.in = in;
        this.onBytes = onBytes;
    }

    /** The next message, or null at the end of the stream. */
    Message next() throws IOException {
        String id = null;
        String event = "message";
        StringBuilder data = null;
        while (true) {
            String line = readLine();
            if (line == null) {
                return null;
            }
            onBytes.run();
            if (line.isEmpty()) {
                if (data != null) {
                    return new Message(id, event, data.toString());
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                default -> {} // retry and unknown fields: nothing the CLI uses
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("The stream sent a line longer than " + MAX_LINE + " bytes.");
            }
            line.write(b);
        }
    }
}
