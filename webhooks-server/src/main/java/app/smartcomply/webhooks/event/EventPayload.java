package app.smartcomply.webhooks.event;

import java.io.ByteArrayOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exact bytes of an event as its deliveries carry it — {@code {"id","type","created_at","data"}}
 * — put together around data already serialized once, instead of serializing the data a second
 * time inside an envelope. Byte for byte what the mapper writes for that envelope as an object
 * (EventPayloadTest holds it to that).
 */
final class EventPayload {

    private EventPayload() {}

    /**
     * @param data the event's data exactly as {@code json} serialized it
     */
    static byte[] of(JsonMapper json, String id, String type, String createdAt, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 128);
        out.writeBytes(FIELD_ID);
        out.writeBytes(json.writeValueAsBytes(id));
        out.writeBytes(FIELD_TYPE);
        out.writeBytes(json.writeValueAsBytes(type));
        out.writeBytes(FIELD_CREATED_AT);
        out.writeBytes(json.writeValueAsBytes(createdAt));
        out.writeBytes(FIELD_DATA);
        out.writeBytes(data);
        out.write('}');
        return out.toByteArray();
    }

    private static final byte[] FIELD_ID = ascii("{\"id\":");
    private static final byte[] FIELD_TYPE = ascii(",\"type\":");
    private static final byte[] FIELD_CREATED_AT = ascii(",\"created_at\":");
    private static final byte[] FIELD_DATA = ascii(",\"data\":");

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
