package app.smartcomply.webhooks.dashboard;

/**
 * The signed-in person, as far as the dashboard cares: whose data to show, the account's name for
 * the header, and the token every form must send back.
 */
record Viewer(String accountId, String accountName, String csrfToken) {

  static final String ATTRIBUTE = Viewer.class.getName();

  @Override
  public String toString() {
    return "Viewer[" + accountId + "]";
  }
}
