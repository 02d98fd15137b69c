package app.smartcomply.webhooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which line an event goes in ({@link DeliveryOrdering#lineOf}). */
class DeliveryOrderingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anUnorderedEndpointHasNoLineAndAKeylessOneASingleLine() {
        assertThat(DeliveryOrdering.NONE.lineOf(data("{\"a\": 1}"))).isNull();
        assertThat(DeliveryOrdering.FIFO.lineOf(data("{\"a\": 1}"))).isEmpty();
    }

    @Test
    void theKeysValueNamesTheLineAndDataWithoutItGoesInTheKeylessLine() {
        DeliveryOrdering byVendor = new DeliveryOrdering(true, "vendor.id");
        assertThat(byVendor.lineOf(data("{\"vendor\": {\"id\": \"v_1\"}}"))).isEqualTo("\"v_1\"");
        assertThat(byVendor.lineOf(data("{\"vendor\": {\"id\": 1}}")))
                .as("a number and a string of the same digits are two lines")
                .isEqualTo("1");
        assertThat(byVendor.lineOf(data("{\"vendor\": {\"id\": true}}"))).isEqualTo("true");
        for (String keyless : new String[] {
            "{}",
            "{\"vendor\": null}",
            "{\"vendor\": {\"id\": null}}",
            "{\"vendor\": {\"id\": {\"x\": 1}}}",
            "{\"vendor\": {\"id\": [1]}}",
            "{\"vendor\": \"v_1\"}",
            "[1]"
        }) {
            assertThat(byVendor.lineOf(data(keyless))).as(keyless).isEmpty();
        }
    }

    @Test
    void aLongValueIsNamedByItsHashSoLinesStaySmall() {
        DeliveryOrdering byId = new DeliveryOrdering(true, "id");
        String line = byId.lineOf(data("{\"id\": \"" + "x".repeat(500) + "\"}"));
        assertThat(line).startsWith("#").hasSize(65);
        assertThat(byId.lineOf(data("{\"id\": \"" + "x".repeat(500) + "\"}"))).isEqualTo(line);
        assertThat(byId.lineOf(data("{\"id\": \"" + "x".repeat(499) + "y\"}"))).isNotEqualTo(line);
    }

    private static JsonNode data(String json) {
        return JSON.readTree(json);
    }
}
