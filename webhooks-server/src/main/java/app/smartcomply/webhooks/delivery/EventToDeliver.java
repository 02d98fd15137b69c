package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.account.ApiKeyMode;

/**
 * What the deliveries of a new event need to know of it ({@link DeliveryIntake#enqueue}).
 *
 * @param createdAt when the deliveries are made: the publish's time, or a replay's (they are due from it)
 * @param mode the event's mode, stored on each delivery (its targets are endpoints of that mode)
 * @param payload the event's stored payload, which handed-off attempts send
 * @param traceparent the publish's W3C traceparent, stored with the event (null: not traced)
 */
public record EventToDeliver(
        String id,
        String accountId,
        ApiKeyMode mode,
        String type,
        long createdAt,
        byte[] payload,
        String traceparent) {}
