package app.smartcomply.webhooks.catalog;

/** Type files for tests of the operator's catalog directory. */
final class CatalogFiles {

    private CatalogFiles() {}

    /** order.shipped: version 1 needs an order id; version 2 needs a carrier too. */
    static String orderShipped(int version, boolean deprecated) {
        String required = version >= 2 ? "[\"order_id\", \"carrier\"]" : "[\"order_id\"]";
        String example = version >= 2 ? "{\"order_id\": \"ord_1\", \"carrier\": \"UPS\"}" : "{\"order_id\": \"ord_1\"}";
        return """
        {
          "type": "order.shipped",
          "version": %d,
          "description": "An order left the warehouse.",
          "deprecated": %s,
          "schema": {
            "type": "object",
            "additionalProperties": true,
            "required": %s,
            "properties": {
              "order_id": {"type": "string", "description": "The order."},
              "carrier": {"type": "string", "description": "Who carries it."}
            }
          },
          "examples": [%s]
        }
        """.formatted(version, deprecated, required, example);
    }

    static String legacyInvoice() {
        return """
        {
          "type": "invoice.legacy_paid",
          "version": 1,
          "description": "An invoice was paid (old billing system).",
          "deprecated": true,
          "schema": {
            "type": "object",
            "additionalProperties": true,
            "required": ["invoice_id"],
            "properties": {"invoice_id": {"type": "string", "description": "The invoice."}}
          },
          "examples": [{"invoice_id": "inv_1"}]
        }
        """;
    }
}
