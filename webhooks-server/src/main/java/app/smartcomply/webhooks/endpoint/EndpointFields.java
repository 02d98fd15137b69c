package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.error.InvalidInputException;

/** Checks of an endpoint's fields as a customer sends them, each naming the field when it fails. */
final class EndpointFields {

    static final int MAX_DESCRIPTION_LENGTH = 500;

    private EndpointFields() {}

    /** The URL, normalized, if the destination policy accepts it. */
    static String validUrl(DestinationPolicy destinations, String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("url_required", "url", "url is required.");
        }
        try {
            return destinations.validateUrl(url.trim()).toString();
        } catch (InvalidDestinationException e) {
            throw new InvalidInputException(e.code(), "url", e.getMessage());
        }
    }

    /** The description, or null for none (blank counts as none). */
    static String validDescription(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidInputException(
                    "description_too_long",
                    "description",
                    "description is limited to " + MAX_DESCRIPTION_LENGTH + " characters.");
        }
        return description;
    }
}
