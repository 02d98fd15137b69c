/**
 * Endpoints: where an account wants its events, which types it subscribes to, whether it is active,
 * its signing secrets and their rotation, its delivery health ({@code failing_since}, automatic
 * disabling), the cap on endpoints per account, and the SSRF guard that decides where the service
 * may send ({@link app.smartcomply.webhooks.endpoint.DestinationPolicy}). Changes are announced as
 * Spring application events ({@code EndpointUpdated}, {@code EndpointDisabled}, {@code
 * EndpointDeleted}) inside the changing transaction, for the features that react to them.
 *
 * <p>May use {@code account}, {@code audit}, {@code catalog}, {@code limits}, {@code store}, {@code
 * error} and the {@code webhooks-signature} module; never {@code delivery} or {@code event}, which
 * call into it.
 */
package app.smartcomply.webhooks.endpoint;
