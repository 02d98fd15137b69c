package app.smartcomply.webhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.smartcomply.webhooks.WebhooksApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's catalog directory, read from real files: types are added beside the built-in
 * ones with their version, source and deprecation, the latest version judges publishes, and
 * every kind of broken file stops the load with a message naming the file and the problem.
 */
class CatalogDirectoryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    @Test
    void filesAddTypesBesideTheBuiltInOnes() throws IOException {
        write("order.shipped.v1.json", CatalogFiles.orderShipped(1, true));
        write("order.shipped.v2.json", CatalogFiles.orderShipped(2, false));
        write("invoice.legacy_paid.v1.json", CatalogFiles.legacyInvoice());
        write("notes.md", "ignored");
        write(".order.shipped.v3.json", "{ an editor's swap file: ignored");
        Files.createDirectory(dir.resolve("old.json"));

        EventCatalog catalog = EventCatalog.loadWithDirectory(dir);

        EventCatalog builtIn = EventCatalog.loadDefault();
        assertThat(catalog.all()).startsWith(builtIn.all().toArray(EventType[]::new));
        assertThat(catalog.all()).hasSize(builtIn.all().size() + 2);
        assertThat(catalog.allVersions()).hasSize(builtIn.all().size() + 3);
        assertThat(builtIn.all()).allSatisfy(type -> {
            assertThat(type.version()).isEqualTo(1);
            assertThat(type.source()).isEqualTo("built_in");
            assertThat(type.deprecated()).isFalse();
        });
        EventType shipped = catalog.find("order.shipped").orElseThrow();
        assertThat(shipped.version()).isEqualTo(2);
        assertThat(shipped.source()).isEqualTo("file:order.shipped.v2.json");
        assertThat(shipped.deprecated()).isFalse();
        assertThat(shipped.reserved()).isFalse();
        EventType legacy = catalog.find("invoice.legacy_paid").orElseThrow();
        assertThat(legacy.deprecated()).isTrue();
        assertThat(legacy.source()).isEqualTo("file:invoice.legacy_paid.v1.json");
        // The latest version judges data: v1's data lacks v2's required carrier.
        assertThat(catalog.validate("order.shipped", JSON.readTree("{\"order_id\":\"o\"}")))
                .extracting(DataViolation::param)
                .containsExactly("data.carrier");
        assertThat(catalog.validate("order.shipped", JSON.readTree("{\"order_id\":\"o\",\"carrier\":\"UPS\"}")))
                .isEmpty();
    }

    @Test
    void anEmptyDirectoryAddsNothing() {
        assertThat(EventCatalog.loadWithDirectory(dir).allVersions())
                .containsExactlyElementsOf(EventCatalog.loadDefault().all());
    }

    @Test
    void badJsonNamesTheFileAndWhere() throws IOException {
        write("order.shipped.v1.json", "{\n  \"type\": \"order.shipped\",\n  \"version\": 1,\n}");
        assertFailsWith("file order.shipped.v1.json: not valid JSON", "line 4");
    }

    @Test
    void aSchemaThatIsNotJsonSchemaNamesTheFile() throws IOException {
        write(
                "order.shipped.v1.json",
                CatalogFiles.orderShipped(1, false).replace("\"type\": \"object\"", "\"type\": 5"));
        assertFailsWith("file order.shipped.v1.json: schema /type");
    }

    @Test
    void anExampleThatBreaksItsOwnSchemaNamesTheFileAndTheExample() throws IOException {
        write(
                "order.shipped.v2.json",
                CatalogFiles.orderShipped(2, false)
                        .replace(
                                "\"examples\": [",
                                "\"examples\": [{\"order_id\": \"ord_2\", \"carrier\": \"UPS\"}, "
                                        + "{\"order_id\": \"ord_3\"}, "));
        assertFailsWith("file order.shipped.v2.json: examples[1] does not satisfy the schema: data.carrier");
    }

    @Test
    void theSameTypeAndVersionInTwoFilesNamesBoth() throws IOException {
        write("order.shipped.v1.json", CatalogFiles.orderShipped(1, false));
        write("shipping.json", CatalogFiles.orderShipped(1, true));
        assertFailsWith("file shipping.json: order.shipped version 1 is already defined by file order.shipped.v1.json");
    }

    @Test
    void aFileCannotRedefineABuiltInType() throws IOException {
        write("test.submitted.v2.json", CatalogFiles.orderShipped(2, false).replace("order.shipped", "test.submitted"));
        assertFailsWith("file test.submitted.v2.json: type test.submitted is built in");
    }

    @Test
    void misspeltOrMissingFieldsAreRefused() throws IOException {
        write("a.json", CatalogFiles.legacyInvoice().replace("\"deprecated\"", "\"deprecatd\""));
        write(
                "b.json",
                CatalogFiles.legacyInvoice()
                        .replace("\"version\": 1", "\"version\": 0")
                        .replace("invoice.legacy_paid", "invoice.b"));
        write(
                "c.json",
                CatalogFiles.legacyInvoice()
                        .replace("\"examples\": [{\"invoice_id\": \"inv_1\"}]", "\"examples\": []")
                        .replace("invoice.legacy_paid", "invoice.c"));
        write("d.json", CatalogFiles.legacyInvoice().replace("\"invoice.legacy_paid\"", "\"Invoice Paid\""));
        assertFailsWith(
                "file a.json: unknown field \"deprecatd\"",
                "file b.json: version must be a whole number, 1 or more, got 0",
                "file c.json: examples must be a non-empty array",
                "file d.json: type must match",
                "(4 problems)");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> EventCatalog.loadWithDirectory(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing + " is not a directory");
    }

    /** The service itself refuses to start, and says which file is wrong and why. */
    @Test
    void theServiceDoesNotStartOnABrokenFile() throws IOException {
        write("order.shipped.v1.json", "{ \"type\": ");
        Path data = Files.createDirectory(dir.resolve("data"));
        assertThatThrownBy(() -> new SpringApplicationBuilder(WebhooksApplication.class)
                        .run(
                                "--server.port=0",
                                "--webhooks.dev-mode=true",
                                "--webhooks.admin-key=sc_admin_test_0123456789abcdef",
                                "--webhooks.store.data-dir=" + data,
                                "--webhooks.catalog=" + dir,
                                "--management.server.port=0")
                        .close())
                .rootCause()
                .hasMessageContaining("Invalid event catalog directory " + dir)
                .hasMessageContaining("file order.shipped.v1.json: not valid JSON");
    }

    private void assertFailsWith(String... fragments) {
        assertThatThrownBy(() -> EventCatalog.loadWithDirectory(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Invalid event catalog directory " + dir + " (WEBHOOKS_CATALOG)")
                .hasMessageContainingAll(fragments);
    }
}
