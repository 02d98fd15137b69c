package app.smartcomply.webhooks.error;

/**
 * No such resource — or one that belongs to another account, which the caller must not be able to
 * tell apart. Becomes a 404 problem with code {@code resource_missing}, or {@code <kind>_purged}
 * for an id older than the retention period ({@link #purged}).
 */
public class NotFoundException extends RuntimeException {

    private final String param;
    private final String code;

    public NotFoundException(String kind, String id, String param) {
        this(kind, id, param, null);
    }

    private NotFoundException(String kind, String id, String param, String retention) {
        super(
                "No " + kind + " with id '" + abbreviate(id) + "'."
                        + (retention == null
                                ? ""
                                : " It is older than the retention period (" + retention
                                        + "): if it existed, it has been deleted."),
                null,
                false,
                false);
        this.param = param;
        this.code = retention == null ? "resource_missing" : kind + "_purged";
    }

    /**
     * A missing id made longer ago than the retention period: code {@code <kind>_purged}. Decide it
     * from the id alone, never from another account's rows (see {@code RetentionHorizon}).
     *
     * @param retention the retention period, as the message shows it
     */
    public static NotFoundException purged(String kind, String id, String param, String retention) {
        return new NotFoundException(kind, id, param, retention);
    }

    public String param() {
        return param;
    }

    /** The problem's machine-readable code. */
    public String code() {
        return code;
    }

    private static String abbreviate(String id) {
        return id == null || id.length() <= 80 ? id : id.substring(0, 80) + "…";
    }
}
