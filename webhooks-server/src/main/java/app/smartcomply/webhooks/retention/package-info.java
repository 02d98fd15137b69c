/**
 * Retention: the data of events, deliveries and attempts does not grow forever.
 *
 * <p>Owns the purge ({@link app.smartcomply.webhooks.retention.Purger}): every purge interval, on
 * one node at a time, it deletes in small transactions
 *
 * <ul>
 *   <li>each event older than the retention period none of whose deliveries is still pending, and
 *       none of whose dead-lettered ({@code failed}) deliveries had its last attempt within the
 *       period — with its deliveries and their attempts (request and response included);
 *   <li>each endpoint deleted longer ago than the period that no delivery refers to any more, with
 *       its signing secrets.
 * </ul>
 *
 * <p>On SQLite it then gives the freed pages back to the file system ({@code PRAGMA
 * incremental_vacuum}); the store opens every SQLite file with {@code auto_vacuum = INCREMENTAL}.
 *
 * <p>Also owns {@link app.smartcomply.webhooks.retention.RetentionHorizon}, which the readers ask
 * whether a missing id is one the purge would have deleted. Uses only {@code store} (the
 * connection, the group committer, the dialect, the ids) and {@code error}: it deletes rows of the event, delivery
 * and endpoint features by their documented tables, without calling those features, so that they
 * can ask it about the horizon without a cycle.
 */
package app.smartcomply.webhooks.retention;
