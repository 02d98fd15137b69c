package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.delivery.internal.DeliveryLines;
import app.smartcomply.webhooks.delivery.internal.DeliverySql;
import app.smartcomply.webhooks.delivery.internal.DeliveryState;
import app.smartcomply.webhooks.delivery.internal.NewDeliveries;
import app.smartcomply.webhooks.endpoint.Subscriber;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ordered targets of one new event ({@link DeliveryIntake#enqueue}): for each target whose
 * endpoint orders its deliveries, its line (read from the event's data) and its place in it, taken
 * under the line's lock ({@link DeliveryLines#enter}). Made only when some target is ordered, so an
 * event with none costs nothing more than the check.
 */
final class OrderedTargets {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Per target: its line, or null where unordered. */
    private final String[] lines;

    private final long[] seqs;
    private final boolean[] behind;
    private final DeliveryLines statements;

    private OrderedTargets(String[] lines, long[] seqs, boolean[] behind, DeliveryLines statements) {
        this.lines = lines;
        this.seqs = seqs;
        this.behind = behind;
        this.statements = statements;
    }

    /** The ordered targets' lines and places; null if no target is ordered. */
    static OrderedTargets of(EventToDeliver event, List<Subscriber> targets, DeliveryLines statements) {
        String[] lines = null;
        JsonNode data = null;
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).ordering().fifo()) {
                if (lines == null) {
                    lines = new String[targets.size()];
                    data = JSON.readTree(event.payload()).get("data");
                }
                lines[i] = targets.get(i).ordering().lineOf(data);
            }
        }
        if (lines == null) {
            return null;
        }
        long[] seqs = new long[lines.length];
        boolean[] behind = new boolean[lines.length];
        // Targets come in endpoint id order: every publish takes the line locks in that order.
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] != null) {
                DeliveryLines.Place place = statements.enter(targets.get(i).id(), lines[i]);
                seqs[i] = place.seq();
                behind[i] = place.behind();
            }
        }
        return new OrderedTargets(lines, seqs, behind, statements);
    }

    /** Whether target {@code i} waits behind an earlier delivery of its line. */
    boolean behind(int i) {
        return behind[i];
    }

    /** Target {@code i}'s line, or null. */
    String line(int i) {
        return lines[i];
    }

    /** Inserts the unordered deliveries in one go, each ordered one at its place in its line. */
    void insert(NewDeliveries all, DeliverySql writes) {
        int unordered = (int) Arrays.stream(lines).filter(line -> line == null).count();
        if (unordered > 0) {
            writes.insert(only(all, unordered));
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] != null) {
                statements.insert(all, i, lines[i], seqs[i]);
            }
        }
    }

    /** The unordered deliveries of {@code all}. */
    private NewDeliveries only(NewDeliveries all, int size) {
        String[] ids = new String[size];
        String[] endpointIds = new String[size];
        long[] due = new long[size];
        String[] owners = new String[size];
        Long[] expiries = new Long[size];
        DeliveryState[] states = new DeliveryState[size];
        int j = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == null) {
                ids[j] = all.ids()[i];
                endpointIds[j] = all.endpointIds()[i];
                due[j] = all.nextAttemptAt()[i];
                owners[j] = all.leaseOwners()[i];
                expiries[j] = all.leaseExpiresAt()[i];
                states[j] = all.states()[i];
                j++;
            }
        }
        return new NewDeliveries(
                all.accountId(),
                all.mode(),
                all.eventId(),
                all.eventType(),
                all.createdAt(),
                ids,
                endpointIds,
                due,
                owners,
                expiries,
                states);
    }
}
