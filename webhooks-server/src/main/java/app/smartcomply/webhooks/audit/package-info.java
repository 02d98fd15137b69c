/**
 * The audit log: an append-only record of who changed which configuration, when and from where
 * ({@link app.smartcomply.webhooks.audit.AuditLog}), written inside the transaction of the change it
 * describes, and forgotten after its own retention period ({@link
 * app.smartcomply.webhooks.audit.AuditRetention}).
 *
 * <p>May use only {@code store}: every feature that changes configuration calls into it, so it
 * calls none of them.
 */
package app.smartcomply.webhooks.audit;
