package app.smartcomply.webhooks.store;

/**
 * The two statements of a claim's read of due deliveries endpoint by endpoint ({@link
 * Dialect#duePerEndpointSql}).
 *
 * @param waitingEndpoints the ids of the active endpoints not in {@code :excluded} (an array) that
 *     have a delivery due at {@code :now}, the longest waiting first, at most {@code :limit}
 * @param dueOfEndpoints {@code id, endpoint_id} of the oldest due, unleased deliveries of each of
 *     {@code :endpoints} (an array), at most the matching entry of {@code :rooms} (an array) each,
 *     oldest first, at most {@code :limit} in all
 */
public record DuePerEndpointSql(String waitingEndpoints, String dueOfEndpoints) {}
