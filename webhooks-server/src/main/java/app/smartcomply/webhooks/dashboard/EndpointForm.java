package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.catalog.EventType;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.RateLimit;
import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

/**
 * The add/edit endpoint form: what the person typed, and what is wrong with it, field by field.
 *
 * <p>Presence is checked here so that an empty form lists every missing field at once; everything
 * deeper (URL rules, the SSRF guard, unknown types, lengths) is the endpoint service's, whose
 * {@link InvalidInputException#param()} says which field to put its message next to.
 */
final class EndpointForm {

    /** One checkbox of the event-type picker. */
    record EventChoice(String name, String description, boolean checked) {}

    private final String url;
    private final List<String> events;
    private final String description;
    /** Requests per second as typed; empty: no limit. */
    private final String rateLimit;

    private final Map<String, String> errors = new LinkedHashMap<>();

    EndpointForm(String url, List<String> events, String description) {
        this(url, events, description, "");
    }

    EndpointForm(String url, List<String> events, String description, String rateLimit) {
        this.url = url == null ? "" : url.trim();
        this.events = events == null ? List.of() : List.copyOf(events);
        this.description = description == null ? "" : description.trim();
        this.rateLimit = rateLimit == null ? "" : rateLimit.trim();
    }

    static EndpointForm empty() {
        return new EndpointForm("", List.of(), "");
    }

    static EndpointForm of(Endpoint endpoint) {
        return new EndpointForm(
                endpoint.url(),
                endpoint.eventTypes(),
                endpoint.description(),
                endpoint.rateLimitPerSecond() == null
                        ? ""
                        : endpoint.rateLimitPerSecond().toString());
    }

    /** Records the missing fields; true if the form is complete enough to hand to the service. */
    boolean checkPresence() {
        if (url.isEmpty()) {
            errors.put("url", "Enter the URL SmartComply should send events to.");
        }
        if (events.isEmpty()) {
            errors.put("events", "Pick at least one event type, or All events.");
        }
        return errors.isEmpty();
    }

    /** Puts the service's complaint next to the field it is about. */
    void reject(InvalidInputException e) {
        String param = e.param() == null ? "" : e.param();
        String field = param.startsWith("events")
                ? "events"
                : param.startsWith("headers")
                        ? "headers"
                        : param.startsWith(RateLimit.FIELD)
                                ? RateLimit.FIELD
                                : switch (param) {
                                    case "url", "description" -> param;
                                    default -> "form";
                                };
        errors.put(field, e.getMessage());
    }

    /** A refusal that is about no one field (the account's endpoint cap). */
    void refuse(String message) {
        errors.put("form", message);
    }

    public String url() {
        return url;
    }

    public List<String> events() {
        return events;
    }

    public String description() {
        return description;
    }

    public String rateLimit() {
        return rateLimit;
    }

    /**
     * The {@code rate_limit} the form asks for, as the API would take it (the endpoint feature checks
     * it): a number typed becomes {@code {"per_second": n}}; an empty box is no limit — on an edit,
     * the limit removed.
     */
    Optional<JsonNode> rateLimitOption(boolean editing) {
        if (rateLimit.isEmpty()) {
            return editing ? Optional.of(NullNode.getInstance()) : Optional.empty();
        }
        // Anything but a few digits goes on as text, for the feature to refuse with its own message.
        JsonNode perSecond = rateLimit.matches("[0-9]{1,9}")
                ? IntNode.valueOf(Integer.parseInt(rateLimit))
                : StringNode.valueOf(rateLimit);
        return Optional.of(JsonNodeFactory.instance.objectNode().set("per_second", perSecond));
    }

    public Map<String, String> errors() {
        return errors;
    }

    public boolean allEvents() {
        return events.contains("*");
    }

    /** The catalog as checkboxes: customer events first, then the service's own (reserved) ones. */
    public List<EventChoice> choices(EventCatalog catalog, boolean reserved) {
        List<EventChoice> choices = new ArrayList<>();
        for (EventType type : catalog.all()) {
            if (type.reserved() == reserved) {
                choices.add(
                        new EventChoice(type.name(), firstSentence(type.description()), events.contains(type.name())));
            }
        }
        return choices;
    }

    static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
