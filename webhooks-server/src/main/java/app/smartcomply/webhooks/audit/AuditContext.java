package app.smartcomply.webhooks.audit;

/**
 * Who is making a change and from where: built by the web layer (the API from the bearer key, the
 * dashboard from the session) and handed to each changing service call, so the domain records it
 * without knowing anything about HTTP.
 *
 * <p>An explicit argument rather than a request-scoped holder: it reaches work done on other
 * threads (the store's group committer), a call without one does not compile, and tests pass one
 * in plainly.
 *
 * @param ip the client's address as Tomcat resolved it (through {@code webhooks.trusted-proxies});
 *     null when the service acts by itself
 * @param userAgent the request's {@code User-Agent}, cut to {@link #MAX_USER_AGENT} characters
 */
public record AuditContext(Actor actor, String ip, String userAgent) {

    public static final int MAX_USER_AGENT = 512;

    public AuditContext {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }

    /** The service acting on its own: no request behind it. */
    public static AuditContext service() {
        return new AuditContext(Actor.service(), null, null);
    }
}
