package app.smartcomply.webhooks.delivery.internal;

import java.util.List;

/**
 * What one claim did.
 *
 * @param leased deliveries now leased to the claimer, to attempt
 * @param held due deliveries of held endpoints ({@link ClaimRoom#held}) moved to later instead
 */
record Claim(List<ClaimedDelivery> leased, int held) {

  static final Claim NOTHING = new Claim(List.of(), 0);

  /** Deliveries the claim took off the head of the queue, leased or held. */
  int taken() {
    return leased.size() + held;
  }
}
