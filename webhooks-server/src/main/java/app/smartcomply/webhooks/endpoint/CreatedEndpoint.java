package app.smartcomply.webhooks.endpoint;

/**
 * A new endpoint and its signing secret in full — the only time the secret leaves the service.
 */
public record CreatedEndpoint(Endpoint endpoint, String signingSecret) {

    @Override
    public String toString() {
        return "CreatedEndpoint[" + endpoint.id() + "]";
    }
}
