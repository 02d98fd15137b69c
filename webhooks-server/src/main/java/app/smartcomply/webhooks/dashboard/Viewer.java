package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.account.ApiKeyMode;

/**
 * The signed-in person, as far as the dashboard cares: whose data to show, the account's name for
 * the header, the token every form must send back, the key that signed in, and whether that key
 * may change anything ({@code readOnly}: every form is refused), and that key's mode: the session
 * sees that mode's endpoints, events and deliveries only, like the key itself.
 */
record Viewer(
    String accountId, String accountName, String csrfToken, String apiKeyId, boolean readOnly, ApiKeyMode mode) {

  static final String ATTRIBUTE = Viewer.class.getName();

  /**
   * Signed in with a {@code sc_test_} key: every page shows test data only, and says so. Public: the
   * templates call it.
   */
  public boolean testMode() {
    return mode == ApiKeyMode.TEST;
  }

  @Override
  public String toString() {
    return "Viewer[" + accountId + "]";
  }
}
