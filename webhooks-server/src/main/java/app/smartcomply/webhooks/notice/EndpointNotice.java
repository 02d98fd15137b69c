package app.smartcomply.webhooks.notice;

/**
 * Something people should hear about an endpoint, decided once per state change of its current run
 * of failures (see {@link NoticeLedger}).
 *
 * @param reason why it was disabled ({@link Kind#DISABLED} only)
 * @param lastError what went wrong with its last failed attempt; null for {@link Kind#RECOVERED}
 * @param failingSince when the run of failures began (null if unknown)
 * @param at when the state changed
 */
record EndpointNotice(
        Kind kind,
        String accountId,
        String endpointId,
        String url,
        String reason,
        String lastError,
        Long failingSince,
        long at) {

    enum Kind {
        /** No successful delivery for {@link EndpointNotices#FAILING_NOTICE_AFTER} while it kept failing. */
        FAILING,
        /** The service switched it off by itself. */
        DISABLED,
        /** A delivery succeeded again after a failing or disabled notice. */
        RECOVERED
    }
}
