/**
 * Accounts and who may act for them: account API keys ({@code sc_live_}/{@code sc_test_}, stored
 * as hashes, with scope, mode, expiry and revocation), the platform's admin key, turning a bearer
 * token into a {@link app.smartcomply.webhooks.account.Caller} ({@link
 * app.smartcomply.webhooks.account.Authenticator}), dashboard sessions ({@link
 * app.smartcomply.webhooks.account.SessionTokens}) and one-time platform sign-in links ({@link
 * app.smartcomply.webhooks.account.SignInLinks}).
 *
 * <p>May use {@code audit}, {@code store} and {@code error}; never {@code web} or {@code
 * dashboard}, which call into it.
 */
package app.smartcomply.webhooks.account;
