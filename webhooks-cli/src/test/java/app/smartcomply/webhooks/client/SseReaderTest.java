package app.smartcomply.webhooks.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void readsIdEventAndMultiLineDataAndSkipsComments() throws IOException {
        String stream = ": keep-alive\n\n"
                + "event: session\ndata: {\"session_id\":\"whe_1\"}\n\n"
                + "id: evt_2\r\nevent: delivery\r\ndata: {\"delivery_id\":\"whd_3\"}\r\ndata: {\"a\":\"ü\"}\r\n\r\n";
        AtomicInteger lines = new AtomicInteger();
        SseReader reader = new SseReader(in(stream), lines::incrementAndGet);

        assertThat(reader.next()).isEqualTo(new SseReader.Message(null, "session", "{\"session_id\":\"whe_1\"}"));
        assertThat(reader.next())
                .isEqualTo(new SseReader.Message("evt_2", "delivery", "{\"delivery_id\":\"whd_3\"}\n{\"a\":\"ü\"}"));
        assertThat(reader.next()).isNull();
        assertThat(lines.get()).isGreaterThan(5); // keep-alives count as activity for the idle watchdog
    }

    @Test
    void refusesALineLongerThanTheLimit() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThatThrownBy(() -> new SseReader(endless, () -> {}).next()).isInstanceOf(IOException.class);
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
