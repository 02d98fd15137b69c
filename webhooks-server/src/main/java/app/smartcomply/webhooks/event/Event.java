package app.smartcomply.webhooks.event;

/**
 * A published event. {@code payload} is the exact JSON every endpoint receives — {@code
 * {"id","type","created_at","data"}} — stored as the bytes that are signed and sent.
 */
public record Event(String id, String accountId, String type, long createdAt, byte[] payload) {}
