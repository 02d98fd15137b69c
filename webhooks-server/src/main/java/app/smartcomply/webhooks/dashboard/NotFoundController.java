package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.error.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Any other {@code /dashboard/...} address: the dashboard's own 404 page rather than the API's
 * JSON one. Specific mappings always win over this pattern.
 */
@Controller
class NotFoundController {

    @RequestMapping("/dashboard/**")
    String unknown() {
        throw new NotFoundException("page", null, null);
    }
}
