package app.smartcomply.webhooks.event;

/**
 * What became of one event of a batch: published (new, or the original of a repeated idempotency
 * key), or refused with the same exception a single publish of it would have thrown — exactly one
 * of {@code published} and {@code refused} is set.
 */
public record BatchOutcome(int index, PublishedEvent published, RuntimeException refused) {

    static BatchOutcome published(int index, PublishedEvent published) {
        return new BatchOutcome(index, published, null);
    }

    public static BatchOutcome refused(int index, RuntimeException refused) {
        return new BatchOutcome(index, null, refused);
    }
}
