package app.smartcomply.webhooks.endpoint;

/**
 * The outcome of a rotation: the new secret, shown once, and until when the previous one keeps
 * signing alongside it.
 */
public record RotatedSecret(String endpointId, String signingSecret, long previousSecretExpiresAt) {

    @Override
    public String toString() {
        return "RotatedSecret[" + endpointId + "]";
    }
}
