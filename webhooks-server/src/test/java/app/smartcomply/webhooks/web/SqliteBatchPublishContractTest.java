package app.smartcomply.webhooks.web;

/** The batch publish on the embedded engine: a SQLite file in a fresh directory. */
class SqliteBatchPublishContractTest extends BatchPublishContractTest {}
