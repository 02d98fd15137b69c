package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.audit.AuditContext;

/**
 * The signed-in person, as far as the dashboard cares: whose data to show, the account's name for
 * the header, the token every form must send back, the key that signed in (null for a session the
 * platform opened with a sign-in link), whether that session may change anything ({@code
 * readOnly}: every form is refused), where the header's Back link leads ({@code returnUrl}, from
 * the platform's link; null otherwise), and who to name in the audit log for what it changes.
 */
record Viewer(String accountId, String accountName, String csrfToken, String apiKeyId, boolean readOnly,
    String returnUrl, AuditContext audit) {

  static final String ATTRIBUTE = Viewer.class.getName();

  @Override
  public String toString() {
    return "Viewer[" + accountId + "]";
  }
}
