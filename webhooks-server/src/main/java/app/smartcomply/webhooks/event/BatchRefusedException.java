package app.smartcomply.webhooks.event;

/**
 * An atomic batch was refused as a whole because of one of its events: nothing of the batch was
 * stored. {@link #getCause()} is what a single publish of that event would have thrown ({@code
 * InvalidInputException}, {@code NotFoundException}, {@code ConflictException}, ...).
 */
public class BatchRefusedException extends RuntimeException {

    private final int index;

    public BatchRefusedException(int index, RuntimeException cause) {
        super(cause.getMessage(), cause, false, false);
        this.index = index;
    }

    /** The position of the offending event in the batch, from 0. */
    public int index() {
        return index;
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
