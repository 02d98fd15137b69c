package app.smartcomply.webhooks.store;

/** The store contract on the embedded engine: a SQLite file in a fresh directory. */
class SqliteStoreContractTest extends StoreContractTest {

    @Override
    String expectedEngine() {
        return "sqlite";
    }
}
