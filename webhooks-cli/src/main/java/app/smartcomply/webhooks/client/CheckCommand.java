package app.smartcomply.webhooks.client;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check}: starts the service's conformance check of an endpoint, waits for it to complete
 * (polling, within {@code --wait}), prints each case and exits non-zero if any failed.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description =
                "Grade an endpoint's receiver: signed, forged, stale, tampered, unsigned, rotated and repeated requests.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions service;

    @Parameters(index = "0", paramLabel = "ENDPOINT_ID", description = "The endpoint to check (whe_…).")
    String endpointId;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "Longest to wait for the check to complete (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    private final PrintStream out = System.out;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        ServiceApi api = ServiceApi.of(service);
        String base = "/api/v1/webhooks/endpoints/" + URLEncoder.encode(endpointId, StandardCharsets.UTF_8);
        Map<String, Object> check = api.post(base + "/check", null);
        String checkId = String.valueOf(check.get("id"));
        out.println("Checking " + endpointId + " (" + checkId + ")…");
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        long pause = 250;
        while (!"completed".equals(check.get("status"))) {
            if (System.nanoTime() > deadline) {
                out.println("The check did not complete within " + waitSeconds + " s; see it later at GET " + base
                        + "/checks/" + checkId);
                return 1;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 2000);
            check = api.get(base + "/checks/" + URLEncoder.encode(checkId, StandardCharsets.UTF_8));
        }
        int failed = 0;
        for (Object item : (List<Object>) check.getOrDefault("cases", List.of())) {
            Map<String, Object> c = (Map<String, Object>) item;
            boolean passed = Boolean.TRUE.equals(c.get("passed"));
            if (!passed) {
                failed++;
            }
            out.println((passed ? "PASS  " : "FAIL  ") + c.get("name"));
            out.println("      expected: " + c.get("expected"));
            out.println("      got:      " + c.get("got"));
            if (c.get("advice") != null && !String.valueOf(c.get("advice")).isBlank()) {
                out.println("      advice:   " + c.get("advice"));
            }
        }
        out.println(failed == 0 ? "All cases passed." : failed + " case(s) failed.");
        return failed == 0 ? 0 : 1;
    }
}
