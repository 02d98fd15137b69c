package app.smartcomply.webhooks.delivery.internal;

/**
 * One finished attempt waiting to be written down: the delivery as it was claimed, the lease owner
 * that attempted it, what happened, and what becomes of the delivery.
 */
record AttemptOutcome(ClaimedDelivery delivery, String owner, AttemptResult result, NextStep next) {}
