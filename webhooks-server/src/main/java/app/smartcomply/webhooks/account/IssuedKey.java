package app.smartcomply.webhooks.account;

/**
 * An API key just created. {@code plaintext} exists only in this object, returned once to whoever
 * created the key; the store keeps a hash.
 */
public record IssuedKey(ApiKey key, String plaintext) {

    public String id() {
        return key.id();
    }

    public String accountId() {
        return key.accountId();
    }

    public long createdAt() {
        return key.createdAt();
    }

    @Override
    public String toString() {
        return "IssuedKey[id=" + key.id() + ", accountId=" + key.accountId() + "]";
    }
}
