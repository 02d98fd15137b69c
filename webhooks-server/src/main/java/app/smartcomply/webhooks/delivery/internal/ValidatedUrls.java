package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.endpoint.InvalidDestinationException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SSRF guard's verdict on each stored endpoint URL, remembered.
 *
 * <p>Every attempt re-checks its URL ({@link DestinationPolicy#validateUrl}): a URL saved under dev
 * mode must not be sent to in production. The verdict depends only on the URL text and the
 * policy's fixed configuration, so it is computed once per URL instead of once per attempt — at
 * thousands of attempts a second that parsing was a tenth of the sending threads' CPU. Addresses
 * are still checked on every connection by {@link GuardedDnsResolver}, since DNS answers change.
 *
 * <p>Bounded: past {@link #MAX_ENTRIES} distinct URLs the memory is simply dropped and refilled.
 */
final class ValidatedUrls {

    static final int MAX_ENTRIES = 50_000;

    /** A URL the guard accepted (its normalized form), or the guard's refusal. */
    sealed interface Verdict {}

    record Allowed(URI uri) implements Verdict {}

    record Refused(String reason) implements Verdict {}

    private final DestinationPolicy policy;
    private final ConcurrentHashMap<String, Verdict> verdicts = new ConcurrentHashMap<>();

    ValidatedUrls(DestinationPolicy policy) {
        this.policy = policy;
    }

    Verdict check(String url) {
        Verdict known = verdicts.get(url);
        if (known != null) {
            return known;
        }
        Verdict verdict = decide(url);
        if (verdicts.size() >= MAX_ENTRIES) {
            verdicts.clear();
        }
        verdicts.put(url, verdict);
        return verdict;
    }

    /** Verdicts remembered right now. */
    int size() {
        return verdicts.size();
    }

    private Verdict decide(String url) {
        try {
            return new Allowed(policy.validateUrl(url));
        } catch (InvalidDestinationException e) {
            return new Refused("Refused by the SSRF guard: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Refused("Invalid endpoint URL.");
        }
    }
}
