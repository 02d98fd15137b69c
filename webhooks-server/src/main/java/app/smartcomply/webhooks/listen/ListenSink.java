package app.smartcomply.webhooks.listen;

import java.io.IOException;

/**
 * Where a listen stream writes: the web layer's Server-Sent Events response. Each call writes one
 * message and flushes it; a write that fails (the CLI went away) ends the stream.
 */
public interface ListenSink {

    /** One SSE message: {@code id} may be null (no cursor), {@code data} may span lines. */
    void send(String id, String event, String data) throws IOException;

    /** A keep-alive comment line, which an SSE client ignores. */
    void keepAlive() throws IOException;

    /** Ends the response normally: the CLI reconnects and resumes. */
    void close();
}
