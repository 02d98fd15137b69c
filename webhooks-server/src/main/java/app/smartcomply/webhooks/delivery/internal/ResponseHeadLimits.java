package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.DeliveryProperties;
import org.apache.hc.client5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.HttpMessageParserFactory;

/**
 * How much of a receiver's response head — status line and headers — is read. A receiver is any
 * server a customer names, so without these a single answer could make the service buffer a
 * header line or a header list as large as the heap.
 *
 * <p>HttpClient enforces two of them itself ({@link Http1Config}): the line length as the line
 * arrives, so an endless line is cut off at {@code maxLine} rather than buffered, and the header
 * count. The total is counted by {@link BoundedResponseParser}, line by line. Past any of them the
 * head is not read further, the connection is dropped, and the attempt fails with {@link
 * ResponseHeadRefused}'s message. What is stored of a response's headers is what was read, so it
 * is bounded by {@code maxTotal} too.
 *
 * @param maxLine the longest status or header line, in bytes
 * @param maxHeaders the most header lines
 * @param maxTotal the most bytes of the whole head, line ends included
 */
record ResponseHeadLimits(int maxLine, int maxHeaders, int maxTotal) {

    static ResponseHeadLimits of(DeliveryProperties properties) {
        return new ResponseHeadLimits(
                (int) properties.maxResponseHeaderLine().toBytes(), properties.maxResponseHeaders(), (int)
                        properties.maxResponseHeaderBytes().toBytes());
    }

    Http1Config http1Config() {
        // HttpClient refuses a head once it holds maxHeaderCount headers: one more, so that exactly
        // maxHeaders are allowed.
        return Http1Config.custom()
                .setMaxLineLength(maxLine)
                .setMaxHeaderCount(maxHeaders + 1)
                .build();
    }

    /** Parsers (one per connection) that keep to these limits; HttpClient's own lenient parser inside. */
    HttpMessageParserFactory<ClassicHttpResponse> parserFactory() {
        Http1Config config = http1Config();
        DefaultHttpResponseParserFactory library = new DefaultHttpResponseParserFactory(config);
        // Always these limits, whatever the connection passes: it asks with create(), which means
        // Http1Config.DEFAULT — no header count limit at all.
        return ignored -> new BoundedResponseParser(library.create(config), this);
    }

    ResponseHeadRefused lineTooLong() {
        return new ResponseHeadRefused("The receiver's response has a header line longer than " + size(maxLine)
                + "; the answer was not read.");
    }

    ResponseHeadRefused tooManyHeaders() {
        return new ResponseHeadRefused(
                "The receiver's response has more than " + maxHeaders + " headers; the answer was not read.");
    }

    ResponseHeadRefused tooLarge() {
        return new ResponseHeadRefused(
                "The receiver's response headers exceed " + size(maxTotal) + " in all; the answer was not read.");
    }

    private static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
