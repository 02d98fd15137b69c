package app.smartcomply.webhooks.dashboard;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Indents JSON for reading — payloads, response bodies, schemas. Numbers keep their written
 * precision. Text that is not JSON comes back unchanged, so a receiver's HTML error page still
 * shows as it was.
 */
final class PrettyJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer()
            .with(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private PrettyJson() {}

    static String format(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return text;
        }
        try {
            return WRITER.writeValueAsString(MAPPER.readTree(trimmed));
        } catch (RuntimeException notJson) {
            return text;
        }
    }

    static String format(JsonNode node) {
        return WRITER.writeValueAsString(node);
    }
}
