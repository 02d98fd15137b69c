package app.smartcomply.webhooks.event;

import tools.jackson.databind.JsonNode;

/**
 * A publish that passed every check and is ready to be written: the new event (id, time and the
 * exact payload drawn already), its data as published (for the endpoints' filters), with its optional idempotency key and the fingerprint of its
 * content. Made outside the unit of work, so that the unit only runs statements.
 */
record PreparedEvent(Event event, JsonNode data, String idempotencyKey, String fingerprint) {}
