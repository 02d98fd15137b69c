package app.smartcomply.webhooks.check;

import app.smartcomply.webhooks.account.ApiKeyMode;

/** The account and mode an endpoint belongs to: the scope every check operation runs in. */
public record EndpointOwner(String accountId, ApiKeyMode mode) {}
