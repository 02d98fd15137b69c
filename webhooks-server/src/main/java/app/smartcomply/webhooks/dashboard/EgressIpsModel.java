package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.egress.EgressSettings;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The addresses deliveries come from, for the webhooks settings pages ({@code egressIps}). */
@ControllerAdvice(assignableTypes = EndpointPagesController.class)
class EgressIpsModel {

    private final EgressSettings egress;

    EgressIpsModel(EgressSettings egress) {
        this.egress = egress;
    }

    @ModelAttribute("egressIps")
    List<String> egressIps() {
        return egress.ips();
    }
}
