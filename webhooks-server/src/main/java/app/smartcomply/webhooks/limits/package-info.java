/**
 * Limits against abuse: rates per API key, per client address and per endpoint (token buckets in
 * this node's memory, bounded in number), and the cap on endpoints per account. The web layer and
 * the dashboard answer a refused request; this package only counts.
 */
package app.smartcomply.webhooks.limits;
