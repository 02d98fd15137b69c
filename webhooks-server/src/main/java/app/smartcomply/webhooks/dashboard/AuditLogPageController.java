package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditEntry;
import app.smartcomply.webhooks.audit.AuditFilter;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.store.Page;
import app.smartcomply.webhooks.store.PrefixedIds;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Audit log: the account's changes of configuration, newest first, 50 a page, filtered
 * by action. Read-only for everyone: entries are never changed or deleted.
 */
@Controller
class AuditLogPageController {

    static final String PATH = "/dashboard/settings/audit-log";
    private static final int PAGE_SIZE = 50;

    private final AuditLog log;

    AuditLogPageController(AuditLog log) {
        this.log = log;
    }

    @GetMapping(PATH)
    String page(
            Viewer viewer,
            @RequestParam(required = false) String action,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            Model model) {
        // Unknown filters and cursors are ignored rather than refused: they come from the page's own links.
        AuditAction wanted =
                action == null ? null : AuditAction.fromWire(action).orElse(null);
        String cursor = PrefixedIds.isWellFormed(startingAfter, "aud_") ? startingAfter : null;
        Page<AuditEntry> entries =
                log.list(viewer.accountId(), new AuditFilter(null, wanted, null, null), PAGE_SIZE, cursor);
        model.addAttribute("nav", "audit-log");
        model.addAttribute("entries", entries.data());
        model.addAttribute("hasMore", entries.hasMore());
        model.addAttribute("action", wanted == null ? null : wanted.wire());
        model.addAttribute("actions", AuditAction.wireNames());
        model.addAttribute(
                "nextCursor",
                entries.data().isEmpty() ? null : entries.data().getLast().id());
        return "dashboard/audit-log";
    }
}
