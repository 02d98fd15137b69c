package app.smartcomply.webhooks.delivery.internal;

/** The writes on the embedded engine: JDBC batches into a SQLite file. */
class SqliteDeliveryWritesContractTest extends DeliveryWritesContractTest {}
