package app.smartcomply.webhooks.delivery.internal;

import org.apache.hc.core5.http.MessageConstraintException;

/**
 * A response head past one of the {@link ResponseHeadLimits}. Its message is the attempt's error,
 * as the delivery log shows it. An {@link java.io.IOException} (through HttpClient's own {@link
 * MessageConstraintException}), so HttpClient drops the connection as for any broken answer.
 */
final class ResponseHeadRefused extends MessageConstraintException {

    ResponseHeadRefused(String message) {
        super(message);
    }
}
