package app.smartcomply.webhooks.delivery.internal;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.io.HttpMessageParser;
import org.apache.hc.core5.http.io.HttpTransportMetrics;
import org.apache.hc.core5.http.io.SessionInputBuffer;
import org.apache.hc.core5.util.CharArrayBuffer;

/**
 * HttpClient's response parser, with the head's lines counted as they are read: past {@link
 * ResponseHeadLimits#maxTotal()} bytes in all, parsing stops. HttpClient's own limits (line length,
 * header count) fail with a generic {@link MessageConstraintException}; those are told apart here
 * — by whether the line being read threw — and turned into the clear error of {@link
 * ResponseHeadRefused}.
 */
final class BoundedResponseParser implements HttpMessageParser<ClassicHttpResponse> {

    private final HttpMessageParser<ClassicHttpResponse> library;
    private final ResponseHeadLimits limits;

    BoundedResponseParser(HttpMessageParser<ClassicHttpResponse> library, ResponseHeadLimits limits) {
        this.library = library;
        this.limits = limits;
    }

    @Override
    public ClassicHttpResponse parse(SessionInputBuffer buffer, InputStream in) throws IOException, HttpException {
        CountedLines lines = new CountedLines(buffer);
        try {
            return library.parse(lines, in);
        } catch (ResponseHeadRefused refused) {
            throw refused;
        } catch (MessageConstraintException e) {
            // Not thrown by reading a line, so by the parser counting what it read: the header count,
            // or too many empty lines before the status line (which the message then says).
            throw lines.count > limits.maxHeaders() ? limits.tooManyHeaders() : e;
        }
    }

    /** The connection's buffer, with the lines read through it for one head counted. */
    private final class CountedLines implements SessionInputBuffer {
        private final SessionInputBuffer buffer;
        private long bytes;
        private int count;

        CountedLines(SessionInputBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int readLine(CharArrayBuffer line, InputStream in) throws IOException {
            int before = line.length();
            int read;
            try {
                read = buffer.readLine(line, in);
            } catch (MessageConstraintException e) {
                throw limits.lineTooLong(); // the only limit checked while a line is read
            }
            if (read >= 0) {
                count++;
                bytes += line.length() - before + 2; // with its CRLF, as it came
                if (bytes > limits.maxTotal()) {
                    throw limits.tooLarge();
                }
            }
            return read;
        }

        @Override
        public int length() {
            return buffer.length();
        }

        @Override
        public int capacity() {
            return buffer.capacity();
        }

        @Override
        public int available() {
            return buffer.available();
        }

        @Override
        public int read(byte[] b, int off, int len, InputStream in) throws IOException {
            return buffer.read(b, off, len, in);
        }

        @Override
        public int read(byte[] b, InputStream in) throws IOException {
            return buffer.read(b, in);
        }

        @Override
        public int read(InputStream in) throws IOException {
            return buffer.read(in);
        }

        @Override
        public HttpTransportMetrics getMetrics() {
            return buffer.getMetrics();
        }
    }
}
