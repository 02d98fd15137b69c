package app.smartcomply.webhooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.smartcomply.webhooks.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The filter language by example: what matches, what does not, and what is refused at save time. */
class PayloadFilterTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String NOTICE = """
      {"severity": "high", "score": 7, "ratio": 0.5, "tags": ["gdpr", "ndpr"], "draft": false, "owner": null,
       "vendor": {"tier": "critical", "country": "NG", "contacts": {"primary": "ada@example.com"}}}""";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
      {"severity": "high"}                                       | true
      {"severity": "low"}                                        | false
      {"severity": {"$in": ["high", "critical"]}}                | true
      {"severity": {"$nin": ["high", "critical"]}}               | false
      {"$or": [{"severity": "low"}, {"vendor.tier": "critical"}]} | true
      {"$or": [{"severity": "low"}, {"vendor.tier": "minor"}]}    | false
      {"$and": [{"severity": "high"}, {"score": {"$gte": 7}}]}    | true
      {"severity": "high", "score": {"$gt": 7}}                  | false
      {"vendor.contacts.primary": "ada@example.com"}             | true
      {"vendor.contacts.secondary": {"$exists": true}}           | false
      {"vendor.contacts.secondary": {"$exists": false}}          | true
      {"owner": {"$exists": true}}                               | true
      {"owner": null}                                            | true
      {"missing": null}                                          | true
      {"missing": {"$ne": "x"}}                                  | true
      {"missing": {"$nin": ["x"]}}                               | true
      {"missing": {"$gt": 0}}                                    | false
      {"score": 7.0}                                             | true
      {"score": {"$eq": 7}}                                      | true
      {"score": {"$lt": 7.5, "$gt": 6}}                          | true
      {"score": {"$gt": "6"}}                                    | false
      {"severity": {"$gt": "a", "$lt": "i"}}                     | true
      {"ratio": {"$lte": 0.5}}                                   | true
      {"tags": "gdpr"}                                           | true
      {"tags": ["gdpr", "ndpr"]}                                 | true
      {"tags": ["ndpr", "gdpr"]}                                 | false
      {"tags": {"$in": ["pci", "ndpr"]}}                         | true
      {"tags": {"$ne": "gdpr"}}                                  | false
      {"draft": false}                                           | true
      {"draft": {"$ne": true}}                                   | true
      {"severity": {"$not": {"$in": ["low", "medium"]}}}         | true
      {"score": {"$not": {"$gt": 5}}}                            | false
      {"$not": {"severity": "high"}}                             | false
      {"vendor": {"tier": "critical", "country": "NG", "contacts": {"primary": "ada@example.com"}}} | true
      {"vendor": {"tier": "critical"}}                           | false
      {"severity.level": "high"}                                 | false
      {}                                                         | true
      """)
    void matchesLikeMongoDb(String filter, boolean matches) {
        assertThat(FilterParser.parse(JSON.readTree(filter)).matches(JSON.readTree(NOTICE)))
                .isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @CsvSource(delimiter = '|', textBlock = """
      ["severity"]                                       | invalid_filter          | filter
      {"severity": {"$regex": "h.*"}}                    | unknown_filter_operator | filter.severity.$regex
      {"$nor": [{"severity": "low"}]}                    | unknown_filter_operator | filter.$nor
      {"severity": {"$in": "high"}}                      | invalid_filter_operand  | filter.severity.$in
      {"score": {"$gt": true}}                           | invalid_filter_operand  | filter.score.$gt
      {"score": {"$lte": [1]}}                           | invalid_filter_operand  | filter.score.$lte
      {"owner": {"$exists": "yes"}}                      | invalid_filter_operand  | filter.owner.$exists
      {"$or": []}                                        | invalid_filter_operand  | filter.$or
      {"$and": {"severity": "high"}}                     | invalid_filter_operand  | filter.$and
      {"$or": [{"severity": "low"}, 3]}                  | invalid_filter          | filter.$or[1]
      {"$or": [{"a": 1}, {"b": {"$in": 1}}]}             | invalid_filter_operand  | filter.$or[1].b.$in
      {"score": {"$not": 5}}                             | invalid_filter_operand  | filter.score.$not
      {"score": {"$gt": 1, "limit": 2}}                  | invalid_filter          | filter.score
      {"vendor..tier": "x"}                              | invalid_filter_field    | filter.vendor..tier
      {"": "x"}                                          | invalid_filter_field    | filter.
      {"vendor.$tier": "x"}                              | invalid_filter_field    | filter.vendor.$tier
      """)
    void refusesWithACodeAndTheParamInsideTheFilter(String filter, String code, String param) {
        assertThatThrownBy(() -> FilterParser.parse(JSON.readTree(filter)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.param()).isEqualTo(param);
                });
    }

    @Test
    void boundsKeepFiltersSmall() {
        String deep = "{\"a\": 1}";
        for (int i = 0; i < FilterParser.MAX_DEPTH + 1; i++) {
            deep = "{\"$or\": [" + deep + "]}";
        }
        assertRefused(deep, "filter_too_complex");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= FilterParser.MAX_CONDITIONS; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\": 1");
        }
        assertRefused(many.append("}").toString(), "filter_too_complex");
        assertRefused("{\"a\": {\"$in\": [" + "1,".repeat(FilterParser.MAX_LIST) + "1]}}", "filter_too_complex");
        assertRefused("{\"a\": \"" + "x".repeat(FilterParser.MAX_BYTES) + "\"}", "filter_too_complex");
        assertRefused("{\"" + "a.".repeat(FilterParser.MAX_PATH_STEPS) + "a\": 1}", "invalid_filter_field");
    }

    @Test
    void keepsTheFilterAsCompactJsonAndNamesItsFields() {
        PayloadFilter filter = FilterParser.parse(
                JSON.readTree(
                        "{ \"$or\": [ {\"severity\": \"high\"}, {\"vendor.tier\": {\"$in\": [\"critical\"]}} ], \"severity\": {\"$ne\": \"low\"} }"));

        assertThat(filter.json())
                .isEqualTo(
                        "{\"$or\":[{\"severity\":\"high\"},{\"vendor.tier\":{\"$in\":[\"critical\"]}}],\"severity\":{\"$ne\":\"low\"}}");
        assertThat(filter.fields())
                .containsExactly(
                        java.util.Map.entry("severity", "filter.$or[0].severity"),
                        java.util.Map.entry("vendor.tier", "filter.$or[1].vendor.tier"));
    }

    private static void assertRefused(String filter, String code) {
        assertThatThrownBy(() -> FilterParser.parse(JSON.readTree(filter)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
