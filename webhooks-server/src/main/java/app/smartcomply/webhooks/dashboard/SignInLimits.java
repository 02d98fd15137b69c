package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.limits.ClientAddress;
import app.smartcomply.webhooks.limits.RateLimiter;
import app.smartcomply.webhooks.limits.RateLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins count against the client address and, separately, against the first {@value
 * #PREFIX_LENGTH} characters of the key typed ({@code webhooks.limits.sign-in}): guessing from one
 * address is slowed, and so is guessing one key (one prefix) from many addresses. Once either has
 * used up its allowance, sign-in is refused before the key is looked at, a right key included.
 */
@Component
class SignInLimits {

    /** Enough to tell keys apart by their visible start (sc_live_ and a few characters), no more. */
    static final int PREFIX_LENGTH = 12;

    private final RateLimiter perClient;
    private final RateLimiter perPrefix;

    SignInLimits(RateLimits limits) {
        this.perClient = limits.signInPerClient();
        this.perPrefix = limits.signInPerKeyPrefix();
    }

    /** How long the attempt must wait, if either its address or its key prefix is refused now. */
    Optional<Duration> refusing(String remoteAddr, String typedKey) {
        Optional<Duration> client = perClient.refusing(ClientAddress.key(remoteAddr));
        Optional<Duration> prefix = perPrefix.refusing(prefixKey(typedKey));
        if (client.isPresent() && prefix.isPresent()) {
            return Optional.of(client.get().compareTo(prefix.get()) >= 0 ? client.get() : prefix.get());
        }
        return client.or(() -> prefix);
    }

    /** Counts a failed attempt against both. */
    void failed(String remoteAddr, String typedKey) {
        perClient.spend(ClientAddress.key(remoteAddr));
        perPrefix.spend(prefixKey(typedKey));
    }

    /** The rate, for the message. */
    String describe() {
        return perClient.rate().describe();
    }

    /**
     * A digest of the prefix, not the prefix itself: not even the start of what someone typed as a
     * key is kept in memory as text.
     */
    static String prefixKey(String typedKey) {
        String typed = typedKey.strip();
        String prefix = typed.substring(0, Math.min(PREFIX_LENGTH, typed.length()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(prefix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
