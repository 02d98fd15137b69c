package app.smartcomply.webhooks.account;

import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates accounts and their API keys. Keys are stored only as hashes. */
@Service
public class AccountService {

    static final int MAX_REMEMBERED = 10_000;

    private final ConcurrentHashMap<String, Account> remembered = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PrefixedIds ids;
    private final ApiKeyStore keys;
    private final Clock clock;
    private final AuditLog audit;

    AccountService(
            JdbcClient jdbc, TransactionTemplate tx, PrefixedIds ids, ApiKeyStore keys, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.ids = ids;
        this.keys = keys;
        this.clock = clock;
    }

    /** Creates an account together with its first key; both or neither. */
    public AccountWithKey createAccount(String name) {
        return createAccount(name, null);
    }

    /**
     * Creates an account, with a contact address for notices (already {@linkplain ContactEmail#valid
     * validated}; null for none), together with its first key; both or neither.
     */
    public AccountWithKey createAccount(String name, String email) {
        return tx.execute(status -> {
            long now = clock.millis();
            String id = ids.next("acct_");
            jdbc.sql("INSERT INTO accounts (id, name, created_at, email) VALUES (?, ?, ?, ?)")
                    .params(id, name, now, email)
                    .update();
            return new AccountWithKey(new Account(id, name, now), insertKey(id, now));
        });
    }

    /**
     * Issues one more full-scope live key for an existing account, or empty if there is no such
     * account. {@link ApiKeys#create} chooses name, scope and mode.
     */
    public Optional<IssuedKey> createKey(String accountId) {
        return tx.execute(status -> find(accountId).map(account -> insertKey(account.id(), clock.millis())));
    }

    /**
     * The account, or empty if there is none. Accounts' names are never changed and accounts never
     * deleted once created (the contact address, which changes, is not part of this record), so
     * found ones are remembered (up to {@link #MAX_REMEMBERED}): publishing checks its account on
     * every request. A miss is never remembered, so an account created on another node is found as
     * soon as it is committed.
     */
    public Optional<Account> find(String accountId) {
        Account known = remembered.get(accountId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Account> found = jdbc.sql("SELECT id, name, created_at FROM accounts WHERE id = ?")
                .param(accountId)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .optional();
        found.ifPresent(account -> {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(account.id(), account);
        });
        return found;
    }

    /**
     * Makes an account with this fixed id exist, for the platform's own use (it has no API key):
     * created if missing, left as it is otherwise. Safe to run on several nodes at once.
     */
    public void ensurePlatformAccount(String id, String name) {
        jdbc.sql("INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")
                .params(id, name, clock.millis())
                .update();
    }

    /**
     * The account's contact address, or empty if it has none (or there is no such account). Read
     * from the store every time, never remembered with the account: it can change, and a change made
     * on one node must be seen by all.
     */
    public Optional<String> contactEmail(String accountId) {
        return jdbc.sql("SELECT email FROM accounts WHERE id = ?")
                .param(accountId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(email -> email);
    }

    /**
     * Sets (or, with null, removes) the account's contact address, already {@linkplain
     * ContactEmail#valid validated}, and records the change in the audit log (an address that stays
     * the same records nothing).
     *
     * @return false if there is no such account
     */
    public boolean setContactEmail(String accountId, String email, AuditContext context) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Optional<Optional<String>> current = jdbc.sql("SELECT email FROM accounts WHERE id = ?")
                    .param(accountId)
                    .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                    .optional();
            if (current.isEmpty()) {
                return false;
            }
            String before = current.get().orElse(null);
            if (!java.util.Objects.equals(before, email)) {
                jdbc.sql("UPDATE accounts SET email = ? WHERE id = ?")
                        .params(email, accountId)
                        .update();
                audit.record(
                        accountId,
                        context,
                        AuditAction.ACCOUNT_UPDATED,
                        AuditTarget.account(accountId),
                        List.of(new AuditChange("email", before, email)));
            }
            return true;
        }));
    }

    private IssuedKey insertKey(String accountId, long now) {
        return keys.insert(accountId, null, ApiKeyScope.FULL, ApiKeyMode.LIVE, now);
    }

    /** A new account and the only copy of its first key. */
    public record AccountWithKey(Account account, IssuedKey key) {}
}
