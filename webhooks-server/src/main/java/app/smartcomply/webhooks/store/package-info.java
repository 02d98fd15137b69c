/**
 * The database, for both engines: the connection pool and migrations per engine, transactions and
 * the group committer ({@link app.smartcomply.webhooks.store.GroupCommitter}), prepared statements
 * kept per transaction ({@link app.smartcomply.webhooks.store.TransactionStatements}), what differs
 * between SQLite and PostgreSQL ({@link app.smartcomply.webhooks.store.Dialect}), ids, running work
 * after a commit, the owner-only data directory, and keys derived from the service's encryption key.
 *
 * <p>Knows no feature: it uses no other package of the service, and every feature may use it.
 */
package app.smartcomply.webhooks.store;
