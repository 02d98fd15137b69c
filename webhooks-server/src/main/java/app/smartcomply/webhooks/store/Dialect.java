package app.smartcomply.webhooks.store;

/**
 * What differs between the two database engines at the level of connections and transactions.
 * Everything else — the tables, the columns, the plain SQL in the feature stores — is written once
 * and runs on both; where a feature's statements take another form per engine, the feature keeps
 * one class per engine and picks it by {@link #engine()} (the delivery engine's {@code
 * DeliverySql}).
 *
 * <p>One implementation per engine ({@link SqliteDialect}, {@link PostgresDialect}).
 */
public sealed interface Dialect permits SqliteDialect, PostgresDialect {

    /** The engines the service runs on. */
    enum Engine {
        SQLITE,
        POSTGRESQL
    }

    /** Which engine this is, for a feature that keeps one form of its statements per engine. */
    Engine engine();

    /** Short engine name for logs, metrics and migration folders: {@code sqlite} or {@code postgresql}. */
    String name();

    /**
     * Whether the store is a file inside this process: one writer at a time (so writes are best
     * funnelled through one thread and committed in groups), and no other node uses it (so a lease
     * found at start-up is a leftover of a crash).
     */
    boolean embedded();
}
