package app.smartcomply.webhooks.account;

/** Who is calling, as proven by the bearer token of a request. */
public sealed interface Caller {

  /** SmartComply's own services, holding the admin key: create accounts, publish events. */
  record Platform() implements Caller {}

  /** A customer, holding one of its account's {@code sc_live_} keys: sees only its own data. */
  record Customer(String accountId) implements Caller {}
}
