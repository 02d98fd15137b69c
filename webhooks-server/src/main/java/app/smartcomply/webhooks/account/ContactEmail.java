package app.smartcomply.webhooks.account;

import app.smartcomply.webhooks.error.InvalidInputException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * An account's contact address, where notices about its failing and disabled endpoints are sent.
 * A bare address ({@code ops@example.com}): no display name, at most {@value #MAX_LENGTH}
 * characters (RFC 5321's limit on a path), nothing that is not printable ASCII — so in particular
 * no CR or LF that could add a header to a message.
 */
public final class ContactEmail {

    public static final int MAX_LENGTH = 254;

    private ContactEmail() {}

    /**
     * The address to store: trimmed, or null for "no address" (null, empty or blank input).
     *
     * @param param the request field to name in the problem
     * @throws InvalidInputException ({@code invalid_email}) if it is not a plain address
     */
    public static String valid(String raw, String param) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String address = raw.strip();
        if (address.length() > MAX_LENGTH
                || !address.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                || address.indexOf('@') <= 0
                || address.indexOf('@') != address.lastIndexOf('@')
                || address.endsWith("@")
                || !plain(address)) {
            throw new InvalidInputException(
                    "invalid_email",
                    param,
                    param + " must be an email address such as ops@example.com, at most " + MAX_LENGTH
                            + " characters.");
        }
        return address;
    }

    private static boolean plain(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return address.equals(parsed.getAddress()) && parsed.getPersonal() == null;
        } catch (AddressException e) {
            return false;
        }
    }
}
