package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.account.ApiKeyMode;
import tools.jackson.databind.JsonNode;

/**
 * One event of a batch publish, read from the request but not yet checked: the same fields as a
 * single publish, plus its place in the batch. {@code idempotencyKey} is optional (null).
 */
public record BatchRequest(
        int index, String accountId, ApiKeyMode mode, String type, JsonNode data, String idempotencyKey) {}
