package app.smartcomply.webhooks.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trigger}: publishes an event of a type for the key's own account, with the catalog's
 * example data (read from the service's event-type list) or the data given. With an account's
 * test key it goes to the account's test endpoints and listen sessions; the service refuses a live
 * key ({@code live_trigger_forbidden}). With the admin key, name the account and the mode.
 */
@Command(
        name = "trigger",
        mixinStandardHelpOptions = true,
        description = "Publish an event of TYPE (the catalog's example, or --data) to the account's test endpoints.")
final class TriggerCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions service;

    @Parameters(index = "0", paramLabel = "TYPE", description = "The event type, e.g. notice.created.")
    String type;

    @Option(
            names = "--data",
            paramLabel = "@FILE|JSON",
            description = "The event's data: a JSON object, or @file.json (default: the catalog's example).")
    String data;

    @Option(
            names = "--account",
            paramLabel = "ID",
            description = "The account to publish for; needed only with the admin key (default: the key's own).")
    String account;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "test",
            description = "live or test (default: ${DEFAULT-VALUE}); only the admin key may publish live events.")
    String mode;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        ServiceApi api = ServiceApi.of(service);
        Object eventData = data != null ? given(data) : example(api);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_id", account != null ? account : ownAccount(api));
        body.put("type", type);
        body.put("data", eventData);
        body.put("mode", mode);
        Map<String, Object> event = api.post("/api/v1/events", body);
        out.println("Published " + event.get("type") + " " + event.get("id") + " (" + mode + " mode).");
        return 0;
    }

    private Object given(String value) throws IOException {
        String text =
                value.startsWith("@") ? Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8) : value;
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--data must be a JSON object (or @file.json holding one): " + e.getMessage());
        }
    }

    /** The example of the highest version of the type in the service's catalog. */
    @SuppressWarnings("unchecked")
    private Object example(ServiceApi api) throws IOException, InterruptedException {
        Object found = null;
        int version = -1;
        for (Object item :
                (List<Object>) api.get("/api/v1/webhooks/event-types").getOrDefault("data", List.of())) {
            Map<String, Object> eventType = (Map<String, Object>) item;
            int v = eventType.get("version") instanceof Number n ? n.intValue() : 0;
            if (type.equals(eventType.get("name")) && v > version) {
                found = eventType.get("example");
                version = v;
            }
        }
        if (found == null) {
            throw new UsageException("The service's catalog has no event type '" + type
                    + "' with an example; see GET /api/v1/webhooks/event-types, or give --data.");
        }
        return found;
    }

    /** The account of the key: the account id its key list names. */
    @SuppressWarnings("unchecked")
    private String ownAccount(ServiceApi api) throws IOException, InterruptedException {
        List<Object> keys = (List<Object>) api.get("/api/v1/api-keys").getOrDefault("data", List.of());
        if (keys.isEmpty()) {
            throw new UsageException("Could not tell the key's account; give it with --account.");
        }
        return String.valueOf(((Map<String, Object>) keys.get(0)).get("account_id"));
    }
}
