package app.smartcomply.webhooks.dashboard;

/**
 * The signed-in person, as far as the dashboard cares: whose data to show, the account's name for
 * the header, the token every form must send back, the key that signed in, and whether that key
 * may change anything ({@code readOnly}: every form is refused).
 */
record Viewer(String accountId, String accountName, String csrfToken, String apiKeyId, boolean readOnly) {

  static final String ATTRIBUTE = Viewer.class.getName();

  @Override
  public String toString() {
    return "Viewer[" + accountId + "]";
  }
}
