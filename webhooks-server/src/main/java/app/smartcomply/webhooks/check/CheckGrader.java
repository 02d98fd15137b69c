package app.smartcomply.webhooks.check;

import java.time.Duration;
import java.util.Locale;

/**
 * Grades the answers of a check and says, in plain language, how to fix each failure.
 *
 * <p>The rules: the valid request (1) passes with a 2xx within the request timeout (a warning above
 * {@code slowAfter}); the forged, stale, tampered and unsigned requests (2 to 5) pass only with a
 * 4xx — a 5xx is a failure too, as it tells a sender to retry and hides the rejection as a crash;
 * the rotation case (6) passes only if both orders of two {@code v1=} values are accepted, i.e.
 * the receiver accepts a header if any value matches; the repeated event (7) passes with a 2xx.
 */
final class CheckGrader {

    private final Duration timeout;
    private final Duration slowAfter;

    CheckGrader(Duration timeout, Duration slowAfter) {
        this.timeout = timeout;
        this.slowAfter = slowAfter;
    }

    String expected(CheckCase c) {
        return switch (c) {
            case VALID_SIGNATURE -> "2xx within " + seconds(timeout) + " (ideally within " + seconds(slowAfter) + ")";
            case ROTATED_SECRETS -> "2xx whichever of two v1= values is the valid one";
            case DUPLICATE_EVENT -> "2xx (a repeat is acknowledged, not processed again)";
            default -> "4xx (rejected)";
        };
    }

    CaseResult valid(Observed o) {
        CheckCase c = CheckCase.VALID_SIGNATURE;
        if (o.accepted() && o.latencyMs() <= timeout.toMillis()) {
            String warning = o.latencyMs() > slowAfter.toMillis()
                    ? "Your receiver took " + o.latencyMs()
                            + " ms to answer. Answer 2xx as soon as the signature checks out"
                            + " and do the work afterwards (in a queue or background job): an answer later than "
                            + seconds(timeout) + " fails the delivery, and it is sent again."
                    : null;
            return new CaseResult(c.wire(), true, expected(c), o.describe(), warning);
        }
        String advice;
        if (o.accepted()) {
            advice = "Your receiver answered after " + o.latencyMs() + " ms, later than " + seconds(timeout)
                    + ": deliveries that slow fail and are retried. Acknowledge with 2xx first, then process.";
        } else if (o.status() == null) {
            advice = noAnswer(o, "a correctly signed webhook.test event");
        } else if (o.status() >= 300 && o.status() < 400) {
            advice = "Your receiver answered with a redirect (HTTP " + o.status()
                    + "). Deliveries never follow redirects:" + " register the final URL of your receiver.";
        } else if (o.rejected()) {
            advice =
                    "Your receiver rejected a correctly signed request. Check that it uses this endpoint's current signing"
                            + " secret (the whole whsec_… string) and computes HMAC-SHA256 over \"<t>.<raw body>\" with the body"
                            + " exactly as received, before any JSON parsing.";
        } else {
            advice = "Your receiver failed (HTTP " + o.status()
                    + ") on a correctly signed webhook.test event: look at its"
                    + " logs. An event type it does not handle must still get a 2xx.";
        }
        return new CaseResult(c.wire(), false, expected(c), o.describe(), advice);
    }

    /** Cases 2 to 5: the request must be rejected with a 4xx. */
    CaseResult hostile(CheckCase c, Observed o) {
        if (o.rejected()) {
            return new CaseResult(c.wire(), true, expected(c), o.describe(), null);
        }
        String advice;
        if (o.accepted()) {
            advice = switch (c) {
                case FORGED_SIGNATURE ->
                    "Your receiver accepted a forged signature: verify the HMAC before doing anything,"
                            + " and answer 400 when no v1= value matches.";
                case STALE_TIMESTAMP ->
                    "Your receiver accepted a correctly signed request whose timestamp is 10 minutes old:"
                            + " reject a t= more than 5 minutes away from your clock, so a captured request cannot be replayed.";
                case TAMPERED_BODY ->
                    "Your receiver accepted a body that was changed after it was signed: compute the HMAC"
                            + " over the raw body exactly as received (not over re-serialized JSON) and compare it with v1=.";
                case MISSING_SIGNATURE ->
                    "Your receiver accepted a request without the X-SmartComply-Signature header:"
                            + " refuse any request that does not carry it.";
                default -> throw new IllegalArgumentException(c.name());
            };
        } else if (o.status() == null) {
            advice = noAnswer(o, "a request it should have rejected");
        } else if (o.status() >= 500) {
            advice = (c == CheckCase.MISSING_SIGNATURE
                            ? "A request without a signature header made your receiver fail (HTTP " + o.status()
                                    + "): check that the" + " header is there before parsing it."
                            : "Your receiver failed (HTTP " + o.status() + ") instead of rejecting the request.")
                    + " It did not accept it, but a 5xx tells a sender to try again and hides the rejection as a crash:"
                    + " answer 400 (or 401) when a request does not verify.";
        } else {
            advice = "Your receiver answered HTTP " + o.status()
                    + " instead of rejecting the request: answer 400 (or 401)" + " when a request does not verify.";
        }
        return new CaseResult(c.wire(), false, expected(c), o.describe(), advice);
    }

    /**
     * Case 6, sent twice: {@code validLast} as a receiver that already has the new secret sees a
     * rotation (old {@code v1=} first, new last), {@code validFirst} as one that still has the old.
     */
    CaseResult rotation(Observed validLast, Observed validFirst) {
        CheckCase c = CheckCase.ROTATED_SECRETS;
        String got = "forged v1= first, valid last: " + validLast.describe() + "; valid v1= first, forged last: "
                + validFirst.describe();
        if (validLast.accepted() && validFirst.accepted()) {
            return new CaseResult(c.wire(), true, expected(c), got, null);
        }
        String anyMatches = " Split the header on commas and accept the request if any v1= value matches.";
        String advice;
        if (validLast.accepted()) {
            advice =
                    "Your receiver checks only the last v1= value. During a secret rotation the header carries one v1= per"
                            + " valid secret, old first and new last, so until your receiver has the new secret it rejects every"
                            + " delivery." + anyMatches;
        } else if (validFirst.accepted()) {
            advice =
                    "Your receiver checks only the first v1= value. During a secret rotation the header carries one v1= per"
                            + " valid secret, old first and new last, so once your receiver has the new secret it rejects every"
                            + " delivery until the old one expires." + anyMatches;
        } else {
            advice = "Your receiver rejected a header with two v1= values, one of them valid. Every delivery looks like"
                    + " this during a secret rotation." + anyMatches;
        }
        return new CaseResult(c.wire(), false, expected(c), got, advice);
    }

    CaseResult duplicate(Observed o) {
        CheckCase c = CheckCase.DUPLICATE_EVENT;
        if (o.accepted()) {
            return new CaseResult(c.wire(), true, expected(c), o.describe(), null);
        }
        String advice = o.status() == null
                ? noAnswer(o, "an event it had already accepted")
                : "Your receiver answered HTTP " + o.status() + " to an event it had already accepted (same id)."
                        + " Deliveries are at least once: when an answer is lost the event comes again, and a non-2xx makes it"
                        + " come again and again. Remember the ids you processed and answer 2xx to a repeat without doing the"
                        + " work twice.";
        return new CaseResult(c.wire(), false, expected(c), o.describe(), advice);
    }

    /** A case not sent, because the endpoint could not be reached or the check's time ran out. */
    CaseResult notRun(CheckCase c, String why) {
        return new CaseResult(
                c.wire(),
                false,
                expected(c),
                "Not sent: " + why,
                "Fix what the failed cases above say," + " then run the check again.");
    }

    private String noAnswer(Observed o, String what) {
        return o.timedOut()
                ? "Your receiver did not answer " + what + " within " + seconds(timeout)
                        + ". Answer at once, before any" + " slow work."
                : "We could not get an answer from your endpoint (" + o.error()
                        + "). Check the URL, that the receiver is"
                        + " running and reachable from the internet, and its TLS certificate.";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0
                ? d.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
