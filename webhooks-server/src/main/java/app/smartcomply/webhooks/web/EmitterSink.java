package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.listen.ListenSink;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Writes a listen stream as Server-Sent Events text onto the response. Every write is bounded by
 * the connector's write timeout; a failed write ends the stream.
 */
final class EmitterSink implements ListenSink {

    private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    private final ResponseBodyEmitter emitter;

    EmitterSink(ResponseBodyEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void send(String id, String event, String data) throws IOException {
        StringBuilder message = new StringBuilder(data.length() + 64);
        if (id != null) {
            message.append("id: ").append(id).append('\n');
        }
        message.append("event: ").append(event).append('\n');
        for (String line : data.split("\n", -1)) {
            message.append("data: ").append(line).append('\n');
        }
        message.append('\n');
        write(message.toString());
    }

    @Override
    public void keepAlive() throws IOException {
        write(": keep-alive\n\n");
    }

    @Override
    public void close() {
        emitter.complete();
    }

    private void write(String text) throws IOException {
        try {
            emitter.send(text, TEXT);
        } catch (IllegalStateException completed) {
            // The request ended (timed out, or the client left) before this write.
            throw new IOException(completed.getMessage(), completed);
        }
    }
}
