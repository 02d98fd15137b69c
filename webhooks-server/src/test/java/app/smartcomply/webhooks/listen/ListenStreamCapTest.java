package app.smartcomply.webhooks.listen;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import app.smartcomply.webhooks.testkit.WithoutRateLimits;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The per-account cap on listen streams holds when the streams are asked for all at once: each
 * holds a thread and polls the shared store, so a burst must not slip past the count.
 */
@WithoutRateLimits
class ListenStreamCapTest extends WebhooksAppTest {

  @Test
  void aBurstOfStreamRequestsOpensAtMostTheCap() throws Exception {
    String key = api().createAccount(ADMIN_KEY, "Burst Listen Co").text("api_key");
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/listen"))
        .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(30)).build();
    int asked = 3 * ListenStreams.MAX_STREAMS_PER_ACCOUNT;
    List<CompletableFuture<HttpResponse<InputStream>>> all = new ArrayList<>();
    for (int i = 0; i < asked; i++) {
      all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
    }
    int opened = 0;
    int refused = 0;
    try {
      for (CompletableFuture<HttpResponse<InputStream>> answer : all) {
        int status = answer.get().statusCode();
        if (status == 200) {
          opened++;
        } else if (status == 409) {
          refused++;
        }
      }
    } finally {
      for (CompletableFuture<HttpResponse<InputStream>> answer : all) {
        answer.get().body().close();
      }
    }
    assertThat(opened).isLessThanOrEqualTo(ListenStreams.MAX_STREAMS_PER_ACCOUNT);
    assertThat(opened + refused).isEqualTo(asked);
  }
}
