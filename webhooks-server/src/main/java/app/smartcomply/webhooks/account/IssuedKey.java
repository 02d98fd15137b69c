package app.smartcomply.webhooks.account;

/**
 * An API key just created. {@code plaintext} exists only in this object, returned once to whoever
 * created the key; the store keeps a hash.
 */
public record IssuedKey(String id, String accountId, String plaintext, long createdAt) {

  @Override
  public String toString() {
    return "IssuedKey[id=" + id + ", accountId=" + accountId + "]";
  }
}
