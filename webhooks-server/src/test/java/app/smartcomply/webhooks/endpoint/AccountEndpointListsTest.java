package app.smartcomply.webhooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On SQLite a publish's subscribers come from a list kept in memory (decision 028). Whatever
 * changes an endpoint — the API, a plain SQL statement, a change rolled back — the next publish
 * sees the store as it is: each test reads the list first, so that it is kept, then changes the
 * store and reads again.
 */
class AccountEndpointListsTest extends WebhooksAppTest {

    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";

    @Autowired
    EndpointsForDelivery forDelivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    private ApiClient api;
    private String accountId;
    private String key;

    @BeforeEach
    void account() {
        api = api();
        ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Lists Co " + System.nanoTime());
        accountId = account.text("id");
        key = account.text("api_key");
    }

    @Test
    void aNewEndpointIsASubscriberOfTheVeryNextPublish() {
        String first = create("test.submitted");
        assertThat(subscribers("test.submitted")).containsExactly(first);

        String second = create("*");
        assertThat(subscribers("test.submitted")).containsExactlyInAnyOrder(first, second);
        assertThat(subscribers("notice.created")).containsExactly(second);
    }

    @Test
    void changesThroughTheApiAreSeenAtOnce() {
        String id = create("test.submitted");
        assertThat(subscribers("test.submitted")).containsExactly(id);

        patch(id, "{\"events\": [\"notice.created\"]}");
        assertThat(subscribers("test.submitted")).isEmpty();
        assertThat(subscribers("notice.created")).containsExactly(id);

        patch(id, "{\"url\": \"http://127.0.0.1:9/moved\"}");
        assertThat(forDelivery.activeSubscribers(accountId, ApiKeyMode.LIVE, "notice.created"))
                .extracting(Subscriber::url)
                .containsExactly("http://127.0.0.1:9/moved");

        patch(id, "{\"filter\": {\"severity\": \"high\"}}");
        assertThat(forDelivery.activeSubscribers(accountId, ApiKeyMode.LIVE, "notice.created"))
                .extracting(Subscriber::filter)
                .containsExactly("{\"severity\":\"high\"}");

        patch(id, "{\"status\": \"disabled\"}");
        assertThat(subscribers("notice.created")).isEmpty();

        patch(id, "{\"status\": \"active\"}");
        assertThat(subscribers("notice.created")).containsExactly(id);

        ApiClient.expect(204, api.delete(ENDPOINTS + "/" + id, key));
        assertThat(subscribers("notice.created")).isEmpty();
    }

    @Test
    void aChangeMadeOutsideTheServiceIsSeenToo() {
        String id = create("test.submitted");
        assertThat(subscribers("test.submitted")).containsExactly(id);

        // An operator's statement in the sqlite3 shell: no code of the service runs.
        jdbc.sql("UPDATE endpoints SET event_types = 'notice.created' WHERE id = ?")
                .param(id)
                .update();

        assertThat(subscribers("test.submitted")).isEmpty();
        assertThat(subscribers("notice.created")).containsExactly(id);
    }

    @Test
    void aChangeRolledBackLeavesTheListAsItWas() {
        String id = create("test.submitted");
        assertThat(subscribers("test.submitted")).containsExactly(id);

        try {
            tx.executeWithoutResult(status -> {
                jdbc.sql("UPDATE endpoints SET status = 'disabled' WHERE id = ?")
                        .param(id)
                        .update();
                assertThat(subscribers("test.submitted"))
                        .as("inside the changing transaction")
                        .isEmpty();
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the change is gone
        }
        assertThat(subscribers("test.submitted")).containsExactly(id);

        // The same change again, committed this time: seen, though the list read inside the rolled
        // back transaction said the same.
        jdbc.sql("UPDATE endpoints SET status = 'disabled' WHERE id = ?")
                .param(id)
                .update();
        assertThat(subscribers("test.submitted")).isEmpty();
    }

    @Test
    void theDeliveryHealthThatAttemptsRecordLeavesTheTokenAlone() {
        String id = create("test.submitted");
        long before = token();

        // What the delivery path writes after attempts: keeping the list across those is the point.
        jdbc.sql("UPDATE endpoints SET failing_since = 1, last_success_at = 2, rate_limit_per_second = 5 WHERE id = ?")
                .param(id)
                .update();
        assertThat(token()).isEqualTo(before);

        patch(id, "{\"events\": [\"*\"]}");
        assertThat(token()).isNotEqualTo(before);
    }

    private List<String> subscribers(String type) {
        return forDelivery.activeSubscribers(accountId, ApiKeyMode.LIVE, type).stream()
                .map(Subscriber::id)
                .toList();
    }

    private String create(String event) {
        return api.createEndpoint(key, "http://127.0.0.1:9/hook", event).text("id");
    }

    private void patch(String id, String body) {
        ApiClient.expect(200, api.patch(ENDPOINTS + "/" + id, key, body));
    }

    private long token() {
        return jdbc.sql("SELECT token FROM endpoint_changes").query(Long.class).single();
    }
}
