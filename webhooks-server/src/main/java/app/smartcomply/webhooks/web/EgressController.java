package app.smartcomply.webhooks.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import app.smartcomply.webhooks.egress.EgressSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The addresses deliveries come from ({@code WEBHOOKS_EGRESS_IPS}), for customers whose firewall
 * admits only known senders. It holds nothing of an account's.
 */
@RestController
@Tag(name = "Endpoints")
@SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
class EgressController {

    private final EgressSettings egress;

    EgressController(EgressSettings egress) {
        this.egress = egress;
    }

    @Schema(name = "EgressIps")
    record EgressIps(
            @ArraySchema(
                    arraySchema =
                            @Schema(
                                    requiredMode = REQUIRED,
                                    description =
                                            "IP addresses and CIDR blocks that "
                                                    + "deliveries come from; empty when the operator has published none (deliveries may then come from anywhere)."),
                    schema = @Schema(example = "203.0.113.7"))
            List<String> ips) {}

    @GetMapping(path = "/api/v1/webhooks/egress-ips", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "listEgressIps",
            summary = "List the addresses deliveries come from",
            description = "Allow these in your firewall to accept deliveries from this service and nothing else.")
    EgressIps list() {
        return new EgressIps(egress.ips());
    }
}
