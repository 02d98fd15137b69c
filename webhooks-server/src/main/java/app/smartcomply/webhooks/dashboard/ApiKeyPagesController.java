package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.account.ApiKey;
import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.account.ApiKeyScope;
import app.smartcomply.webhooks.account.ApiKeys;
import app.smartcomply.webhooks.account.IssuedKey;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → API keys: the account's keys, creating one (shown once, on the page that answers the
 * form), revoking and rolling. The same rules as the API ({@link ApiKeys}); a session opened with a
 * read-only key sees the page without its forms, and its posts are refused by {@link
 * SignedInInterceptor}.
 */
@Controller
@RequestMapping(ApiKeyPagesController.PATH)
class ApiKeyPagesController {

    static final String PATH = "/dashboard/settings/api-keys";

    /** How long a rolled key keeps working, in seconds, with the words the form shows. */
    static final Map<Long, String> ROLL_GRACE = rollGrace();

    private final ApiKeys keys;
    private final DisplayTime time;

    ApiKeyPagesController(ApiKeys keys, DisplayTime time) {
        this.keys = keys;
        this.time = time;
    }

    /** A line of the list: the key and its state now. */
    record KeyRow(ApiKey key, String status) {}

    @GetMapping
    String list(Viewer viewer, @RequestParam(required = false) String notice, Model model) {
        return listPage(viewer, model, Notice.of(notice, null).orElse(null), null, null);
    }

    @PostMapping
    String create(
            Viewer viewer,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "full") String scope,
            @RequestParam(defaultValue = "live") String mode,
            HttpServletResponse response,
            Model model) {
        IssuedKey issued;
        try {
            issued = keys.create(
                    viewer.accountId(),
                    new ApiKeys.NewKey(
                            ApiKeys.validName(name, "name"),
                            ApiKeyScope.parse(scope, "scope"),
                            ApiKeyMode.parse(mode, "mode")),
                    viewer.audit());
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return listPage(viewer, model, null, e.getMessage(), name);
        }
        return shown(model, issued, null);
    }

    @PostMapping("/{id}/revoke")
    String revoke(Viewer viewer, @PathVariable String id) {
        keys.revoke(viewer.accountId(), id, viewer.audit());
        // Revoking the key this session was opened with ends the session: the next page is sign-in.
        return "redirect:" + PATH + "?notice=key_revoked";
    }

    @GetMapping("/{id}/roll")
    String rollForm(Viewer viewer, @PathVariable String id, Model model) {
        return rollForm(model, keys.get(viewer.accountId(), id), null);
    }

    @PostMapping("/{id}/roll")
    String roll(
            Viewer viewer,
            @PathVariable String id,
            @RequestParam(name = "expires_in", defaultValue = "86400") long expiresIn,
            HttpServletResponse response,
            Model model) {
        ApiKey key = keys.get(viewer.accountId(), id);
        ApiKeys.Rolled rolled;
        try {
            rolled = keys.roll(viewer.accountId(), id, Duration.ofSeconds(expiresIn), viewer.audit());
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(
                    e instanceof ConflictException
                            ? HttpServletResponse.SC_CONFLICT
                            : HttpServletResponse.SC_BAD_REQUEST);
            return rollForm(model, key, e.getMessage());
        }
        return shown(model, rolled.replacement(), rolled.previous());
    }

    private String listPage(Viewer viewer, Model model, Notice notice, String error, String name) {
        long now = time.now();
        model.addAttribute(
                "rows",
                keys.list(viewer.accountId()).stream()
                        .map(k -> new KeyRow(k, k.status(now)))
                        .toList());
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        model.addAttribute("name", name);
        model.addAttribute("nav", "api-keys");
        return "dashboard/api-keys";
    }

    private String rollForm(Model model, ApiKey key, String error) {
        model.addAttribute("key", key);
        model.addAttribute("graceChoices", ROLL_GRACE);
        model.addAttribute("selectedGrace", ApiKeys.DEFAULT_ROLL_GRACE.toSeconds());
        model.addAttribute("error", error);
        model.addAttribute("nav", "api-keys");
        return "dashboard/api-key-roll";
    }

    /** The page that shows a new key, its only appearance. */
    private String shown(Model model, IssuedKey issued, ApiKey previous) {
        model.addAttribute("issued", issued.key());
        model.addAttribute("plaintext", issued.plaintext());
        model.addAttribute("previous", previous);
        model.addAttribute("previousStillWorks", previous != null && previous.activeAt(time.now()));
        model.addAttribute("nav", "api-keys");
        return "dashboard/api-key-created";
    }

    private static Map<Long, String> rollGrace() {
        Map<Long, String> choices = new LinkedHashMap<>();
        choices.put(0L, "None — the current key stops working immediately");
        choices.put(3_600L, "1 hour");
        choices.put(86_400L, "24 hours (recommended)");
        choices.put(259_200L, "3 days");
        choices.put(604_800L, "7 days (the longest allowed)");
        return choices;
    }
}
