package app.smartcomply.webhooks.delivery.internal;

/** {@link OrderedDeliveryContractTest} on the embedded engine: a SQLite file in a fresh directory. */
class SqliteOrderedDeliveryContractTest extends OrderedDeliveryContractTest {}
