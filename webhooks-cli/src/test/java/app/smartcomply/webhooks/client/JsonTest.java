package app.smartcomply.webhooks.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsAndWritesWhatTheApiAnswers() {
        String text =
                "{\"id\":\"chk_1\",\"status\":\"completed\",\"cases\":[{\"name\":\"a \\\"b\\\"\\n\\u00e9\",\"passed\":true,"
                        + "\"got\":null,\"score\":82.5,\"n\":-3e2}]}";
        Map<String, Object> value = Json.parseObject(text);
        Map<?, ?> first = (Map<?, ?>) ((List<?>) value.get("cases")).get(0);
        assertThat(first.get("name")).isEqualTo("a \"b\"\né");
        assertThat(first.get("passed")).isEqualTo(true);
        assertThat(first.containsKey("got")).isTrue();
        assertThat(first.get("score")).isEqualTo(new BigDecimal("82.5"));
        assertThat(Json.parseObject(Json.write(value))).isEqualTo(value);
    }

    @Test
    void refusesMalformedOrTooDeepInput() {
        assertThatThrownBy(() -> Json.parse("{\"a\":}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(1000) + "]".repeat(1000)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
