package app.smartcomply.webhooks.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The header's switch between live and test data, for sessions opened with a live key (Stripe's
 * "test mode" toggle): it sets or clears {@link SessionCookie#VIEW} and goes back to the endpoint
 * list, whose contents differ by mode. A session opened with a test key sees test data only, and
 * asking it for live data is refused.
 */
@Controller
class ModeSwitchController {

    static final String PATH = "/dashboard/mode";

    /** As long as a session can last: the choice ends with the browser's session anyway. */
    private static final Duration REMEMBERED = Duration.ofHours(12);

    @PostMapping(PATH)
    ModelAndView switchMode(
            Viewer viewer, @RequestParam String mode, HttpServletRequest request, HttpServletResponse response)
            throws MissingServletRequestParameterException {
        if (!viewer.canSwitchMode()) {
            ModelAndView page = new ModelAndView("dashboard/error", HttpStatus.FORBIDDEN);
            page.addObject("status", HttpStatus.FORBIDDEN.value());
            page.addObject("heading", "This session sees test data only");
            page.addObject(
                    "message", "You signed in with a test key (sc_test_…). Sign in with a live key to see live data.");
            return page;
        }
        switch (mode) {
            case "test" -> SessionCookie.write(request, response, SessionCookie.VIEW, "test", REMEMBERED);
            case "live" -> SessionCookie.clear(request, response, SessionCookie.VIEW);
            // DashboardAdvice answers it with its "did not make sense" page.
            default -> throw new MissingServletRequestParameterException("mode", "live|test");
        }
        return new ModelAndView("redirect:/dashboard/settings/webhooks", HttpStatus.SEE_OTHER);
    }
}
