package app.smartcomply.webhooks.check;

/**
 * One graded case of a check.
 *
 * @param name the case, e.g. {@code forged_signature} ({@link CheckCase#wire()})
 * @param expected what a safe receiver answers, in words
 * @param got what this receiver answered (status, time), or why nothing came back
 * @param advice how to fix a failed case, in plain language; for a passed case a warning (a slow
 *     answer) or null
 */
public record CaseResult(String name, boolean passed, String expected, String got, String advice) {}
