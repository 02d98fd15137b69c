package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The stored form of an attempt's headers: what the delivery log shows must be what went out. */
class HeaderCodecTest {

    private final HeaderCodec codec = new HeaderCodec(JsonMapper.builder().build());

    @Test
    void headersComeBackInOrderWithRepeatsAndAwkwardValues() {
        List<Header> sent = List.of(
                new Header("Content-Type", "application/json"),
                new Header("X-SmartComply-Signature", "t=1700000000,v1=abc,v1=def"),
                new Header("Set-Cookie", "a=1"),
                new Header("Set-Cookie", "b=2; Path=/"),
                new Header("X-Empty", ""),
                new Header("X-Colons", "a: b: c"),
                new Header("X-Quotes", "\"[x]\" \\ é ✓"),
                new Header("X-Padded", "  kept  "));
        assertThat(codec.decode(HeaderCodec.encode(sent))).containsExactlyElementsOf(sent);
    }

    @Test
    void nothingIsNothing() {
        assertThat(codec.decode(HeaderCodec.encode(List.of()))).isEmpty();
        assertThat(codec.decode(null)).isEmpty();
    }

    @Test
    void aLineBreakInAValueCannotForgeAnotherHeader() {
        List<Header> decoded = codec.decode(HeaderCodec.encode(List.of(new Header("X-Evil", "a\r\nX-Forged: yes"))));
        assertThat(decoded).extracting(Header::name).containsExactly("X-Evil");
    }

    @Test
    void rowsWrittenByEarlierVersionsAsJsonStillRead() {
        String stored = "[[\"Content-Type\",\"application/json\"],[\"X-Note\",\"say \\\"hi\\\"\"]]";
        assertThat(codec.decode(stored))
                .containsExactly(new Header("Content-Type", "application/json"), new Header("X-Note", "say \"hi\""));
    }
}
