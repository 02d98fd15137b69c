package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Create and PATCH of an endpoint together with its optional features — {@code
 * asymmetric_signing} — in one transaction with the endpoint's own fields, so an endpoint is
 * never seen half configured. The endpoint's fields are {@link EndpointService}'s; this class only
 * adds the options around it.
 */
@Service
public class EndpointOptions {

  /**
   * The options a create or PATCH sets; an empty Optional leaves one as it is (off, on create).
   *
   * @param asymmetricSigning sign each delivery with an Ed25519 key too ({@code v1a})
   */
  public record Options(Optional<Boolean> asymmetricSigning) {

    public static Options none() {
      return new Options(Optional.empty());
    }
  }

  private final EndpointService endpoints;
  private final AsymmetricSigning signing;
  private final TransactionTemplate tx;
  private final AuditLog audit;

  EndpointOptions(EndpointService endpoints, AsymmetricSigning signing, TransactionTemplate tx, AuditLog audit) {
    this.endpoints = endpoints;
    this.signing = signing;
    this.tx = tx;
    this.audit = audit;
  }

  /** {@link EndpointService#create}, then the options; one transaction. */
  public CreatedEndpoint create(
      String accountId, ApiKeyMode mode, String url, List<String> eventTypes, String description, Options options,
      AuditContext context) {
    return tx.execute(status -> {
      CreatedEndpoint created = endpoints.create(accountId, mode, url, eventTypes, description, context);
      String id = created.endpoint().id();
      if (options.asymmetricSigning().orElse(false)) {
        signing.set(id, true);
      }
      return new CreatedEndpoint(endpoints.get(accountId, mode, id), created.signingSecret());
    });
  }

  /** {@link EndpointService#update}, then the options; one transaction. Changed options are audited. */
  public Endpoint update(
      String accountId, ApiKeyMode mode, String id, EndpointPatch patch, Options options, AuditContext context) {
    return tx.execute(status -> {
      Endpoint updated = endpoints.update(accountId, mode, id, patch, context);
      List<AuditChange> changes = new ArrayList<>();
      if (options.asymmetricSigning().isPresent()) {
        boolean on = options.asymmetricSigning().get();
        if (signing.set(id, on)) {
          changes.add(new AuditChange("asymmetric_signing", Boolean.toString(!on), Boolean.toString(on)));
        }
      }
      if (changes.isEmpty()) {
        return updated;
      }
      audit.record(accountId, context, AuditAction.ENDPOINT_UPDATED, AuditTarget.endpoint(id), changes);
      return endpoints.get(accountId, mode, id);
    });
  }
}
