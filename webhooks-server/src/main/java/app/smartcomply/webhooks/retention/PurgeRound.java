package app.smartcomply.webhooks.retention;

/**
 * What one purge round did.
 *
 * @param ran false when another node held the round lock and this node skipped the round
 * @param pagesReleased SQLite pages given back to the file system (0 on PostgreSQL)
 */
public record PurgeRound(
        boolean ran,
        long events,
        long deliveries,
        long attempts,
        long endpoints,
        long endpointSecrets,
        long pagesReleased) {

    static PurgeRound skipped() {
        return new PurgeRound(false, 0, 0, 0, 0, 0, 0);
    }

    /** True if the round deleted anything. */
    public boolean deletedAny() {
        return events + deliveries + attempts + endpoints + endpointSecrets > 0;
    }
}
