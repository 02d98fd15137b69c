/**
 * The REST API under {@code /api/v1}: controllers, bearer authentication and the filters in front
 * of every request (body and parameter limits, rate limits, trusted proxies, no-store),
 * {@code application/problem+json} errors, pagination and the OpenAPI documents.
 *
 * <p>A front end: it may use every feature, {@code store} and {@code error}, and nothing may use
 * it. It does not use {@code dashboard}.
 */
package app.smartcomply.webhooks.web;
