package app.smartcomply.webhooks.store;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a cursor-paginated list, newest first. The next page is asked for with {@code
 * starting_after=<id of the last item>}.
 */
public record Page<T>(List<T> data, boolean hasMore) {

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only tells that
     * there is more.
     */
    public static <T> Page<T> fromOverfetch(List<T> rows, int limit) {
        boolean more = rows.size() > limit;
        return new Page<>(more ? List.copyOf(rows.subList(0, limit)) : List.copyOf(rows), more);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), hasMore);
    }
}
