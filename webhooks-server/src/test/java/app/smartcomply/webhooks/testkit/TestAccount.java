package app.smartcomply.webhooks.testkit;

/** An account made through the platform API, with its first {@code sc_live_} key. */
public record TestAccount(String id, String apiKey) {

    /** Creates an account with the admin key. */
    public static TestAccount create(ApiClient api, String name) {
        ApiClient.Answer created = api.createAccount(WebhooksAppTest.ADMIN_KEY, name);
        return new TestAccount(created.text("id"), created.text("api_key"));
    }
}
