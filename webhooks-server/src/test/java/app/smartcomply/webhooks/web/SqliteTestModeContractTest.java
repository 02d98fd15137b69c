package app.smartcomply.webhooks.web;

/** Test mode on the embedded engine: a SQLite file in a fresh directory. */
class SqliteTestModeContractTest extends TestModeContractTest {}
