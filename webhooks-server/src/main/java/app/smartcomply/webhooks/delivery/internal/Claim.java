package app.smartcomply.webhooks.delivery.internal;

import java.util.List;

/**
 * What one claim did.
 *
 * @param leased deliveries now leased to the claimer, to attempt
 * @param setAside due deliveries of endpoints paused on this node ({@link ClaimRoom#paused}) kept
 *     for the probe or parked instead
 */
record Claim(List<ClaimedDelivery> leased, int setAside) {

    static final Claim NOTHING = new Claim(List.of(), 0);

    /** Deliveries the claim took off the head of the queue, leased or set aside. */
    int taken() {
        return leased.size() + setAside;
    }
}
