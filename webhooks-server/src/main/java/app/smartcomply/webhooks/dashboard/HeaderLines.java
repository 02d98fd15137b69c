package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The custom-headers box of the endpoint form: one {@code Name: value} per line, blank lines
 * ignored. The service checks the headers themselves; this only splits the lines.
 *
 * <p>Values are never shown back once saved, so on the edit form the box starts empty: left empty
 * it keeps the saved headers, filled in it replaces them all, and {@code clear} removes them.
 *
 * @param text what the box held, for showing the form again after an error
 */
record HeaderLines(String text, boolean clear) {

    HeaderLines {
        text = text == null ? "" : text;
    }

    static HeaderLines none() {
        return new HeaderLines("", false);
    }

    /** The headers of a new endpoint. */
    Map<String, String> forCreate() {
        return parse();
    }

    /** The PATCH of the headers: empty to keep them. */
    Optional<Map<String, String>> forUpdate() {
        if (clear) {
            return Optional.of(Map.of());
        }
        return text.isBlank() ? Optional.empty() : Optional.of(parse());
    }

    private Map<String, String> parse() {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new InvalidInputException(
                        "invalid_header_line",
                        "headers",
                        "Line " + (i + 1) + " is not a header: write one Name: value per line.");
            }
            headers.put(
                    lines[i].substring(0, colon).trim(),
                    lines[i].substring(colon + 1).trim());
        }
        return headers;
    }
}
