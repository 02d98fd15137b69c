package app.smartcomply.webhooks.delivery.internal;

/** The queue contract on the embedded engine: a SQLite file in a fresh directory. */
class SqliteDeliveryQueueContractTest extends DeliveryQueueContractTest {}
