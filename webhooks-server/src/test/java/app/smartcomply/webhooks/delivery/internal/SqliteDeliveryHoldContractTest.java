package app.smartcomply.webhooks.delivery.internal;

/** {@link DeliveryHoldContractTest} on the embedded engine: a SQLite file in a fresh directory. */
class SqliteDeliveryHoldContractTest extends DeliveryHoldContractTest {}
