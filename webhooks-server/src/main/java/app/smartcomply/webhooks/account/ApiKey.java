package app.smartcomply.webhooks.account;

/**
 * An account's API key as it may be shown again: never the key itself, only its first characters
 * ({@code prefix}, e.g. {@code sc_live_3f9a}) and last four, so a person can tell keys apart.
 * Times are epoch milliseconds; {@code lastUsedAt} is to the minute, null if never used;
 * {@code expiresAt} is set once the key was rolled.
 */
public record ApiKey(
        String id,
        String accountId,
        String name,
        String prefix,
        String lastFour,
        ApiKeyScope scope,
        ApiKeyMode mode,
        long createdAt,
        Long lastUsedAt,
        Long revokedAt,
        Long expiresAt) {

    /**
     * {@code active}, {@code expiring} (rolled, still working until {@code expiresAt}), {@code
     * expired} or {@code revoked}.
     */
    public String status(long now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (expiresAt == null) {
            return "active";
        }
        return expiresAt > now ? "expiring" : "expired";
    }

    /** How people and the audit log name the key: its name and visible prefix, never the key itself. */
    public String description() {
        String shown = prefix + "…";
        return name == null ? "API key " + shown : "API key \"" + name + "\" (" + shown + ")";
    }

    /** Whether the key still authenticates at {@code now}. */
    public boolean activeAt(long now) {
        return revokedAt == null && (expiresAt == null || expiresAt > now);
    }
}
