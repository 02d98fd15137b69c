package app.smartcomply.webhooks.delivery.internal;

/** {@link ClaimSelectionContractTest} on the embedded engine: a SQLite file in a fresh directory. */
class SqliteClaimSelectionContractTest extends ClaimSelectionContractTest {}
