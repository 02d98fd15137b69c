/**
 * The customer dashboard: server-rendered pages (Thymeleaf, htmx where a page updates itself) under
 * {@code /dashboard}, following the quickstart's words — Settings → Webhooks → Add endpoint, the
 * endpoint detail page with Send test event, and the delivery log down to every attempt.
 *
 * <p>It uses the feature services directly (never the REST controllers) and sees one account at a
 * time: the one whose API key opened the session ({@link
 * app.smartcomply.webhooks.account.SessionTokens}). Another account's ids answer like missing
 * ones: 404. A session opened with a read-only key sees everything and changes nothing: every
 * form it posts, but signing out, is refused.
 *
 * <p>Its security is confined to its own paths: the session cookie is scoped to {@code
 * /dashboard}, and the checks run in a handler interceptor registered for {@code /dashboard/**}
 * only, so the API's bearer authentication, Actuator and the OpenAPI docs are untouched.
 *
 * <p>A front end, like {@code web}: it may use every feature, {@code store} and {@code error}, and
 * nothing may use it. It does not use {@code web}.
 */
package app.smartcomply.webhooks.dashboard;
