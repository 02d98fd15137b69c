package app.smartcomply.webhooks.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A delivery's body is signed as stored: the payload put together around the serialized data must
 * be the very bytes the mapper writes for the envelope, for any data.
 */
class EventPayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theSameBytesAsTheEnvelopeSerializedWhole() {
        Random random = new Random(20261205);
        for (int sample = 0; sample < 500; sample++) {
            ObjectNode data = JSON.createObjectNode();
            int fields = random.nextInt(6);
            for (int f = 0; f < fields; f++) {
                switch (random.nextInt(4)) {
                    case 0 -> data.put(text(random), text(random));
                    case 1 -> data.put(text(random), random.nextLong());
                    case 2 -> data.put(text(random), random.nextDouble() * 1e6);
                    default ->
                        data.putObject(text(random)).put("nested", text(random)).putNull("none");
                }
            }
            String type = random.nextBoolean() ? "test.submitted" : text(random);
            String id = "evt_" + Long.toHexString(random.nextLong());
            String createdAt = "2026-12-05T19:3" + random.nextInt(10) + ":00.000Z";

            ObjectNode envelope = JSON.createObjectNode();
            envelope.put("id", id);
            envelope.put("type", type);
            envelope.put("created_at", createdAt);
            envelope.set("data", data);

            assertThat(EventPayload.of(JSON, id, type, createdAt, JSON.writeValueAsBytes(data)))
                    .as("sample %d: %s", sample, envelope)
                    .isEqualTo(JSON.writeValueAsBytes(envelope));
        }
    }

    /** Text with what JSON must escape: quotes, backslashes, control characters, non-ASCII, surrogates. */
    private static String text(Random random) {
        String alphabet = "ab\"\\/\n\t\u0000\u001f é€😀<>&'";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c) && at + 1 < alphabet.length()) {
                text.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }
}
