package app.smartcomply.webhooks.store;

/**
 * PostgreSQL: a server that many nodes use at once, each transaction on its own pooled connection,
 * committing in parallel.
 */
public record PostgresDialect() implements Dialect {

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean embedded() {
        return false;
    }
}
