package app.smartcomply.webhooks.retention;

import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Where the retention period ends right now: data older than this is what the purge deletes.
 *
 * <p>Readers ask {@link #predates} about an id they did not find, to tell "deleted by the purge"
 * from "no such id". The answer is worked out from the id alone (ids carry their creation time,
 * see {@link PrefixedIds}) and the caller's own account id, never from stored rows, so it tells a
 * caller nothing about other accounts' data: an id of another account, a purged one and a made-up
 * one of the same age all get the same answer.
 */
@Component
public class RetentionHorizon {

    private static final String ACCOUNT_PREFIX = "acct_";

    private final Clock clock;
    private final RetentionProperties properties;

    RetentionHorizon(Clock clock, RetentionProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    /** Epoch milliseconds before which data is past the retention period. */
    public long millis() {
        return clock.millis() - properties.period().toMillis();
    }

    /**
     * The answer for an id of this kind that the account does not have: {@code <kind>_purged} if the
     * id {@linkplain #predates predates} the horizon, else the usual {@code resource_missing}.
     */
    public NotFoundException missing(String kind, String prefix, String id, String param, String accountId) {
        return predates(id, prefix, accountId)
                ? NotFoundException.purged(kind, id, param, describe(properties.period()))
                : new NotFoundException(kind, id, param);
    }

    static String describe(Duration period) {
        if (period.toSeconds() % 86_400 == 0) {
            long days = period.toDays();
            return days == 1 ? "1 day" : days + " days";
        }
        return period.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * True if {@code id} is a well-formed id with this prefix of something the account could have
     * made (not before the account itself) and made before the retention period began — one the
     * purge deletes once nothing holds it back. An id from before the account was created (such as
     * all zeros) is plainly not one of its own, and is not called purged.
     *
     * @param accountId the caller's account, whose id carries its creation time
     */
    public boolean predates(String id, String prefix, String accountId) {
        if (!PrefixedIds.isWellFormed(id, prefix)) {
            return false;
        }
        long made = PrefixedIds.millisOf(id, prefix);
        long accountMade = PrefixedIds.isWellFormed(accountId, ACCOUNT_PREFIX)
                ? PrefixedIds.millisOf(accountId, ACCOUNT_PREFIX)
                : Long.MAX_VALUE;
        return made >= accountMade && made < millis();
    }
}
