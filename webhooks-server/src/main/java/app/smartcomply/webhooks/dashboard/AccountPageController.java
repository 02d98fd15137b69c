package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.account.AccountService;
import app.smartcomply.webhooks.account.ContactEmail;
import app.smartcomply.webhooks.error.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Account: the account's name and the contact address where notices about its failing
 * and disabled endpoints are mailed, which the signed-in customer sets or removes. Same rules as the
 * platform API ({@link ContactEmail}); a read-only session sees the page without its form, and its
 * posts are refused by {@link SignedInInterceptor}.
 */
@Controller
@RequestMapping(AccountPageController.PATH)
class AccountPageController {

    static final String PATH = "/dashboard/settings/account";

    private final AccountService accounts;

    AccountPageController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    String show(Viewer viewer, @RequestParam(required = false) String notice, Model model) {
        return page(
                model,
                accounts.contactEmail(viewer.accountId()).orElse(""),
                null,
                Notice.of(notice, null).orElse(null));
    }

    @PostMapping
    String save(
            Viewer viewer, @RequestParam(defaultValue = "") String email, HttpServletResponse response, Model model) {
        String valid;
        try {
            valid = ContactEmail.valid(email, "email");
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, email, e.getMessage(), null);
        }
        accounts.setContactEmail(viewer.accountId(), valid, viewer.audit());
        return "redirect:" + PATH + "?notice=saved";
    }

    private static String page(Model model, String email, String error, Notice notice) {
        model.addAttribute("email", email);
        model.addAttribute("error", error);
        model.addAttribute("notice", notice);
        model.addAttribute("maxLength", ContactEmail.MAX_LENGTH);
        model.addAttribute("nav", "account");
        return "dashboard/account";
    }
}
