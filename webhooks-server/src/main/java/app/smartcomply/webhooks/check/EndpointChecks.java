package app.smartcomply.webhooks.check;

import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.delivery.GuardedPost;
import app.smartcomply.webhooks.endpoint.DeliveryHeaders;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointKind;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.error.RateLimitedException;
import app.smartcomply.webhooks.limits.RateLimiter;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts, reads and lists the conformance checks of an endpoint. Everything is scoped to an
 * {@link EndpointOwner} (account and mode): an endpoint or check of another account or mode is not
 * found, exactly like one that does not exist.
 *
 * <p>A check may run on a disabled endpoint — the point is often to try a fix before enabling it
 * again — but not on a deleted one (404). One check runs per endpoint at a time, across nodes (a
 * unique index on the running row): a second start is a 409 {@code check_in_progress}. A check
 * left running by a node that stopped counts as completed once
 * {@code max-duration} and a minute have passed; its unsent cases read as not run.
 *
 * <p>Kept: the newest {@code webhooks.check.keep-per-endpoint} checks of an endpoint, none older
 * than {@code webhooks.check.retention} (trimmed when a new check starts), and none of a deleted
 * endpoint ({@link DeleteChecksOfDeletedEndpoint}).
 */
@Service
public class EndpointChecks {

    private final EndpointService endpoints;
    private final EndpointsForDelivery forDelivery;
    private final DeliveryHeaders customHeaders;
    private final GuardedPost post;
    private final CheckStore store;
    private final TransactionTemplate tx;
    private final PrefixedIds ids;
    private final Clock clock;
    private final JsonMapper json;
    private final CheckProperties properties;
    private final CheckGrader grader;
    private final Semaphore running;
    private final RateLimiter perEndpoint;
    private final String userAgent;
    private final AuditLog audit;

    EndpointChecks(
            EndpointService endpoints,
            EndpointsForDelivery forDelivery,
            DeliveryHeaders customHeaders,
            GuardedPost post,
            JdbcClient jdbc,
            TransactionTemplate tx,
            PrefixedIds ids,
            Clock clock,
            JsonMapper json,
            CheckProperties properties,
            @Value("${webhooks.version:dev}") String version,
            AuditLog audit) {
        this.audit = audit;
        this.endpoints = endpoints;
        this.forDelivery = forDelivery;
        this.customHeaders = customHeaders;
        this.post = post;
        this.store = new CheckStore(jdbc, json);
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
        this.properties = properties;
        this.grader = new CheckGrader(properties.requestTimeout(), properties.slowAfter());
        this.running = new Semaphore(properties.maxRunning());
        this.perEndpoint = new RateLimiter(properties.perEndpoint(), 100_000, clock);
        this.userAgent = "SmartComply-Webhooks/" + version;
    }

    /**
     * The owner of an endpoint that is not deleted, whatever its account — for the platform's admin
     * key, which names no account.
     *
     * @throws NotFoundException if there is no such endpoint
     */
    public EndpointOwner ownerOf(String endpointId) {
        return store.ownerOf(endpointId).orElseThrow(() -> new NotFoundException("endpoint", endpointId, "id"));
    }

    /**
     * Stores a new running check of the endpoint and starts sending its requests on a virtual
     * thread; returns at once. Audited ({@code endpoint.check_started}): a check sends signed
     * requests to the receiver in the account's name.
     *
     * @throws NotFoundException if the owner has no such endpoint (or it was deleted)
     * @throws ConflictException {@code check_in_progress} if a check of this endpoint is running; {@code
     *     listen_session} for a listen session
     * @throws RateLimitedException if the endpoint had its share of checks lately ({@code
     *     webhooks.check.per-endpoint}), or this node runs {@code webhooks.check.max-running} already
     */
    public EndpointCheck start(EndpointOwner owner, String endpointId, AuditContext context) {
        Endpoint endpoint = endpoints.get(owner.accountId(), owner.mode(), endpointId);
        if (endpoint.kind() == EndpointKind.LISTEN) {
            // No URL to check: the CLI forwards to the developer's machine, which the service never reaches.
            throw new ConflictException(
                    "listen_session",
                    "id",
                    "A listen session cannot be checked; check your receiver" + " through an HTTP endpoint.");
        }
        List<SigningSecret> secrets = forDelivery.signingSecrets(endpoint.id());
        if (secrets.isEmpty()) {
            throw new ConflictException(
                    "no_signing_secret", "id", "This endpoint has no valid signing secret; rotate it first.");
        }
        if (store.hasRunning(
                endpoint.id(), clock.millis() - properties.abandonedAfter().toMillis())) {
            throw inProgress();
        }
        // Counted only for a check that would start: a typo in the id or a running check uses none.
        RateLimiter.Verdict verdict = perEndpoint.tryAcquire(endpoint.id());
        if (!verdict.allowed()) {
            throw new RateLimitedException(
                    verdict.retryAfter(),
                    "Too many checks of this endpoint (at most "
                            + perEndpoint.rate().describe() + "). Try again in "
                            + verdict.retryAfter().toSeconds() + " s.");
        }
        if (!running.tryAcquire()) {
            throw new RateLimitedException(
                    Duration.ofSeconds(10),
                    "Too many endpoint checks are running right now." + " Try again in a few seconds.");
        }
        try {
            long now = clock.millis();
            EndpointCheck check = new EndpointCheck(
                    ids.next("chk_"),
                    owner.accountId(),
                    owner.mode(),
                    endpoint.id(),
                    EndpointCheck.RUNNING,
                    now,
                    null,
                    List.of());
            tx.executeWithoutResult(status -> {
                store.closeAbandoned(
                        endpoint.id(), now - properties.abandonedAfter().toMillis(), now);
                store.insertRunning(check);
                audit.record(
                        owner.accountId(),
                        context,
                        AuditAction.ENDPOINT_CHECK_STARTED,
                        AuditTarget.endpoint(endpoint.id()),
                        List.of(new AuditChange("check", null, check.id())));
                store.prune(
                        endpoint.id(),
                        properties.keepPerEndpoint(),
                        now - properties.retention().toMillis());
            });
            CheckRequests requests = new CheckRequests(
                    check.id(),
                    endpoint.id(),
                    secrets,
                    clock,
                    ids,
                    json,
                    userAgent,
                    customHeaders.forDelivery(endpoint.id()));
            CheckRun run = new CheckRun(check.id(), endpoint.url(), requests, grader, post, store, clock, properties);
            Thread.ofVirtual().name("endpoint-check-" + check.id()).start(() -> {
                try {
                    run.run();
                } finally {
                    running.release();
                }
            });
            return check;
        } catch (DataAccessException e) {
            running.release();
            // The unique index on the running row: SQLite's driver reports it without a state Spring
            // translates to DuplicateKeyException, so ask the store what happened instead.
            if (!store.hasRunning(endpoint.id(), Long.MIN_VALUE)) {
                throw e;
            }
            throw inProgress();
        } catch (RuntimeException | Error e) {
            running.release();
            throw e;
        }
    }

    private static ConflictException inProgress() {
        return new ConflictException(
                "check_in_progress",
                "id",
                "A check of this endpoint is already running. Wait for"
                        + " it to complete (GET /api/v1/webhooks/endpoints/{id}/checks) before starting another.");
    }

    /** @throws NotFoundException if the owner's endpoint has no such check */
    public EndpointCheck get(EndpointOwner owner, String endpointId, String checkId) {
        return store.find(owner.accountId(), owner.mode(), endpointId, checkId)
                .map(this::presentable)
                .orElseThrow(() -> new NotFoundException("check", checkId, "check_id"));
    }

    /**
     * The endpoint's checks, newest first.
     *
     * @throws NotFoundException if the owner has no such endpoint
     */
    public List<EndpointCheck> list(EndpointOwner owner, String endpointId) {
        endpoints.get(owner.accountId(), owner.mode(), endpointId);
        return store.list(owner.accountId(), owner.mode(), endpointId, properties.keepPerEndpoint()).stream()
                .map(this::presentable)
                .toList();
    }

    /**
     * A check as a reader sees it: one left running by a node that stopped is shown completed, and
     * a completed check's unsent cases as not run — every completed check has all seven cases.
     */
    private EndpointCheck presentable(EndpointCheck check) {
        boolean abandoned = EndpointCheck.RUNNING.equals(check.status())
                && check.startedAt()
                        < clock.millis() - properties.abandonedAfter().toMillis();
        if (!abandoned
                && (EndpointCheck.RUNNING.equals(check.status())
                        || check.cases().size() == CheckCase.values().length)) {
            return check;
        }
        List<CaseResult> cases = new ArrayList<>(check.cases());
        for (CheckCase c : CheckCase.values()) {
            if (c.ordinal() >= cases.size()) {
                cases.add(grader.notRun(c, "the check was interrupted (the service stopped while it ran)"));
            }
        }
        Long completedAt = check.completedAt() != null
                ? check.completedAt()
                : check.startedAt() + properties.abandonedAfter().toMillis();
        return new EndpointCheck(
                check.id(),
                check.accountId(),
                check.mode(),
                check.endpointId(),
                EndpointCheck.COMPLETED,
                check.startedAt(),
                completedAt,
                List.copyOf(cases));
    }

    /** Deletes every check of an endpoint (it was deleted). */
    void deleteOfEndpoint(String endpointId) {
        store.deleteOfEndpoint(endpointId);
    }
}
