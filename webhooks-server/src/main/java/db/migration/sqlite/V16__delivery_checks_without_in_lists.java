package db.migration.sqlite;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The state CHECKs of deliveries and the predicate of {@code deliveries_due}, said without lists of
 * three or more values: same meaning, a fifth of the cost per row written.
 *
 * <p>SQLite evaluates {@code x IN ('a', 'b', 'c')} by building a temporary b-tree of the list — a
 * handful of allocations — once per execution of the statement, and a JDBC batch executes its
 * statement once per row. Every delivery insert and every attempt outcome paid that for three
 * CHECKs and the index predicate, on the store's one writer thread: 6.0 µs per insert and 7.2 µs
 * per outcome update against 1.3 and 1.5 µs written as comparisons (decision 023). So:
 *
 * <ul>
 *   <li>{@code deliveries_state_known} and {@code deliveries_due_unless_held_or_ended} compare with
 *       {@code =} joined by {@code OR}; the latter says which states have a due time instead of
 *       which have none (the same rows, as {@code deliveries_state_known} allows eight states);
 *   <li>{@code deliveries_status_of_state} is a simple {@code CASE state WHEN ...};
 *   <li>{@code deliveries_due} holds the rows with a due time, which the CHECK above makes exactly
 *       the claimable ones. Every query of due deliveries says {@code next_attempt_at <= ?}, which
 *       implies {@code IS NOT NULL}, so SQLite's planner sees the index applies.
 * </ul>
 *
 * <p>A changed CHECK means a new table: the twelve steps of {@link DeliveriesRebuild}. The new
 * table's definition is the stored one with the three constraints rewritten, so every column and
 * constraint the earlier migrations gave it stays as it is; each rewrite must find its constraint
 * exactly once, or the migration fails before it changes anything.
 */
public class V16__delivery_checks_without_in_lists extends BaseJavaMigration {

    /** Each constraint's stored text (whitespace-insensitive) and what replaces it. */
    private static final Map<String, String> REWRITES = Map.of(
            "CHECK (state IN ('waiting', 'leased', 'parked', 'held', 'queued', 'succeeded', 'failed', 'cancelled'))",
            """
            CHECK (state = 'waiting' OR state = 'leased' OR state = 'parked' OR state = 'held'
                     OR state = 'queued' OR state = 'succeeded' OR state = 'failed' OR state = 'cancelled')""",
            "CHECK (status = CASE WHEN state IN ('succeeded', 'failed', 'cancelled') THEN state ELSE 'pending' END)",
            """
            CHECK (status = CASE state WHEN 'succeeded' THEN 'succeeded' WHEN 'failed' THEN 'failed'
                                       WHEN 'cancelled' THEN 'cancelled' ELSE 'pending' END)""",
            "CHECK ((next_attempt_at IS NULL) = (state IN ('held', 'queued', 'succeeded', 'failed', 'cancelled')))",
            """
            CHECK ((next_attempt_at IS NOT NULL) = (state = 'waiting' OR state = 'leased' OR state = 'parked'))""");

    private static final String DUE_INDEX =
            "CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL";

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        DeliveriesRebuild.run(context, V16__delivery_checks_without_in_lists::rebuild);
    }

    private static List<String> rebuild(Statement statement) throws Exception {
        String table;
        try (ResultSet definition =
                statement.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'deliveries'")) {
            definition.next();
            table = definition.getString(1);
        }
        Matcher head =
                Pattern.compile("^CREATE TABLE\\s+\"?deliveries\"?\\s*\\(").matcher(table);
        if (!head.find()) {
            throw new IllegalStateException("Unexpected definition of deliveries: " + table);
        }
        String rewritten = "CREATE TABLE deliveries_new (" + table.substring(head.end());
        for (Map.Entry<String, String> rewrite : REWRITES.entrySet()) {
            rewritten = replaceOnce(rewritten, rewrite.getKey(), rewrite.getValue());
        }
        Map<String, String> recreated = DeliveriesRebuild.indexesAndTriggers(statement);
        if (recreated.replace("deliveries_due", DUE_INDEX) == null) {
            throw new IllegalStateException("deliveries has no index deliveries_due to redefine");
        }
        List<String> statements = new ArrayList<>();
        statements.add(rewritten);
        statements.addAll(DeliveriesRebuild.swap(DeliveriesRebuild.columnNames(statement), recreated.values()));
        return statements;
    }

    /** {@code text} with the one occurrence of {@code old} (any whitespace between its words) replaced. */
    private static String replaceOnce(String text, String old, String replacement) {
        String pattern = Pattern.quote(old).replace(" ", "\\E\\s*\\Q").replace("\\Q\\E", "");
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("deliveries has no constraint " + old);
        }
        String result = text.substring(0, matcher.start()) + replacement + text.substring(matcher.end());
        if (matcher.find()) {
            throw new IllegalStateException("deliveries has the constraint " + old + " more than once");
        }
        return result;
    }
}
