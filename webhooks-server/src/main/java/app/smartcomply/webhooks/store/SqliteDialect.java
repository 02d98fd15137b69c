package app.smartcomply.webhooks.store;

/**
 * SQLite: one writer at a time (the database file is locked for the length of a write
 * transaction, taken up front with {@code BEGIN IMMEDIATE}), and only this process uses the file.
 */
public record SqliteDialect() implements Dialect {

    @Override
    public Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean embedded() {
        return true;
    }
}
