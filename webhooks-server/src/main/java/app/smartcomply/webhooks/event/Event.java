package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.account.ApiKeyMode;

/**
 * A published event. {@code payload} is the exact JSON every endpoint receives — {@code
 * {"id","type","created_at","data"}} — stored as the bytes that are signed and sent. {@code mode}
 * is the world it was published in: it goes only to endpoints of that mode and is seen only with
 * keys of that mode.
 */
public record Event(String id, String accountId, String type, long createdAt, byte[] payload, ApiKeyMode mode) {}
