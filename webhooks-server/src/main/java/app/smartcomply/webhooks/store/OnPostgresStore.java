package app.smartcomply.webhooks.store;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition for beans that only make sense on PostgreSQL (many nodes, one database): matches when
 * {@code webhooks.store.database-url} ({@code WEBHOOKS_DATABASE_URL}) is set — the same test as
 * {@link StoreProperties#usesPostgres()}.
 */
public final class OnPostgresStore implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty("webhooks.store.database-url");
        return url != null && !url.isBlank();
    }
}
