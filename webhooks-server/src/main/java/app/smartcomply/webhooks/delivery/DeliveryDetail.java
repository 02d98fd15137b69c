package app.smartcomply.webhooks.delivery;

import java.util.List;

/**
 * A delivery with everything that happened to it: the request body every attempt carried (the
 * event payload) and each attempt, oldest first.
 */
public record DeliveryDetail(Delivery delivery, byte[] requestBody, List<Attempt> attempts) {}
