package app.smartcomply.webhooks.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes out of an error's text anything that may be a credential, because error text quotes what
 * the client sent (an unknown field's name, an unknown event type, an id from the path) and a
 * client may send a key where it does not belong. Error bodies end up in client logs, bug
 * reports and screenshots.
 *
 * <p>The rule, applied to every run of token characters ({@code A-Z a-z 0-9 _ - + / =}):
 *
 * <ul>
 *   <li>a run that starts with one of our credential prefixes — {@code sc_live_}, {@code
 *       sc_test_}, {@code sc_admin_}, {@code whsec_} — followed by anything is a credential;
 *   <li>any other run of {@value #LONG_TOKEN} or more characters that looks random — upper and
 *       lower case letters mixed (base64), or letters with at least two digits (hex) — may be
 *       someone's token, unless it is one of our own public ids (a short lowercase prefix,
 *       {@code _}, 32 lowercase hex digits), which stay so that "no endpoint with id whe_…"
 *       remains useful.
 * </ul>
 *
 * Each such run becomes {@value #MARK}. Words, event type names ({@code notice.created}), hosts
 * and the service's own messages (which name paths such as {@code /api/v1/webhooks/event-types})
 * have no such runs. A path ({@code instance}) is redacted segment by segment.
 */
final class SecretRedaction {

    static final String MARK = "[redacted]";
    static final int LONG_TOKEN = 24;

    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9_+/=-]+");
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)(?:sc_(?:live|test|admin)_|whsec_).+");
    private static final Pattern OUR_ID = Pattern.compile("[a-z]{2,8}_[0-9a-f]{32}");

    private SecretRedaction() {}

    /** {@code text} with every credential-like run replaced by {@value #MARK}; null stays null. */
    static String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher run = RUN.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (run.find()) {
            if (!secretLooking(run.group())) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, run.start()).append(MARK);
            copied = run.end();
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * A request path with every segment that looks like a credential replaced by {@value #MARK}
     * (percent-encoded, so the result is still a valid URI path); null stays null.
     */
    static String redactPath(String path) {
        if (path == null) {
            return null;
        }
        String[] segments = path.split("/", -1);
        boolean changed = false;
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].isEmpty() && !redact(segments[i]).equals(segments[i])) {
                segments[i] = "%5Bredacted%5D";
                changed = true;
            }
        }
        return changed ? String.join("/", segments) : path;
    }

    private static boolean secretLooking(String run) {
        if (CREDENTIAL.matcher(run).matches()) {
            return true;
        }
        if (run.length() < LONG_TOKEN || OUR_ID.matcher(run).matches()) {
            return false;
        }
        int upper = 0;
        int lower = 0;
        int digits = 0;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return (upper > 0 && lower > 0) || (upper + lower > 0 && digits >= 2);
    }
}
