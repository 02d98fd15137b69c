package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.store.Page;
import java.util.List;

/** {@code {"data": [...], "has_more": bool}} — the shape of every list. */
record ListResponse<T>(List<T> data, boolean hasMore) {

    static <T> ListResponse<T> of(Page<T> page) {
        return new ListResponse<>(page.data(), page.hasMore());
    }
}
