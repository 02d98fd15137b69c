package app.smartcomply.webhooks.account;

/** Who is calling, as proven by the bearer token of a request. */
public sealed interface Caller {

    /** SmartComply's own services, holding the admin key: create accounts, publish events. */
    record Platform() implements Caller {}

    /**
     * A customer, holding one of its account's keys: sees only its own data of its key's mode, may
     * write only with a {@link ApiKeyScope#FULL} key. {@code keyDescription} names the key for the
     * audit log ({@link ApiKey#description()}), taken from the read that authenticated it.
     */
    record Customer(String accountId, String keyId, ApiKeyScope scope, ApiKeyMode mode, String keyDescription)
            implements Caller {

        /** Whether this key may change anything. */
        public boolean mayWrite() {
            return scope == ApiKeyScope.FULL;
        }
    }
}
