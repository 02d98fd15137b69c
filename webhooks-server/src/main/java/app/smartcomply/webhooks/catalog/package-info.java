/**
 * The event catalog: the event types SmartComply publishes, with their descriptions, JSON schemas
 * and examples, from the built-in catalog and an operator's directory of schema files, and the
 * validation of published data against them ({@link app.smartcomply.webhooks.catalog.EventCatalog}).
 *
 * <p>Uses no other package of the service: it is read by {@code event}, {@code endpoint} and the
 * front ends.
 */
package app.smartcomply.webhooks.catalog;
