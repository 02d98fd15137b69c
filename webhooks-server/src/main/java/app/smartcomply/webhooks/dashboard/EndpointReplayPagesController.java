package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.event.EndpointReplays;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Replay missed events" on the endpoint page: starts a replay of the last hour, day, week or
 * thirty days to the endpoint (every type it subscribes to) and goes back to the page, whose
 * replay block lists the endpoint's replays with their progress.
 */
@Controller
@RequestMapping(SignInController.HOME + "/{id}")
class EndpointReplayPagesController {

    /** The windows the form offers, ending now, with the words it shows. */
    static final Map<String, Duration> WINDOWS = windows();

    private final EndpointReplays replays;
    private final Clock clock;

    EndpointReplayPagesController(EndpointReplays replays, Clock clock) {
        this.replays = replays;
        this.clock = clock;
    }

    @PostMapping("/replay")
    String start(Viewer viewer, @PathVariable String id, @RequestParam(required = false) String window) {
        String page = "redirect:" + SignInController.HOME + "/" + id;
        Duration length = WINDOWS.getOrDefault(window == null ? "" : window, Duration.ofDays(1));
        long now = clock.millis();
        try {
            replays.start(
                    viewer.accountId(),
                    viewer.mode(),
                    id,
                    now - length.toMillis(),
                    now,
                    Optional.empty(),
                    viewer.audit());
            return page + "?notice=replay_started#endpoint-replays";
        } catch (ConflictException e) {
            return page + "?notice=" + e.code() + "#endpoint-replays";
        } catch (InvalidInputException e) {
            return page + "?notice=replay_window_too_long#endpoint-replays";
        }
    }

    private static Map<String, Duration> windows() {
        Map<String, Duration> windows = new LinkedHashMap<>();
        windows.put("1h", Duration.ofHours(1));
        windows.put("24h", Duration.ofDays(1));
        windows.put("7d", Duration.ofDays(7));
        windows.put("30d", Duration.ofDays(30));
        return windows;
    }
}
