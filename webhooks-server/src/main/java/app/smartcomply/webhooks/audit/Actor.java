package app.smartcomply.webhooks.audit;

/**
 * Who made a change, as written into the audit log: an account API key over the API, a dashboard
 * session (opened with a key, or by the platform), the platform with the admin key, or the service
 * itself (switching off an endpoint that answered 410 or kept failing).
 *
 * @param keyId the API key that acted, or signed the session in; null for the platform, the
 *     service, and sessions the platform opened
 * @param description for people: which key, or why the service acted
 */
public record Actor(Type type, String keyId, String description) {

    /** The kinds of actor, with their names on the wire. */
    public enum Type {
        API_KEY("api_key"),
        DASHBOARD_SESSION("dashboard_session"),
        PLATFORM("platform"),
        SERVICE("service");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Type fromWire(String value) {
            for (Type type : values()) {
                if (type.wire.equals(value)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown actor type " + value);
        }
    }

    public static Actor apiKey(String keyId, String description) {
        return new Actor(Type.API_KEY, keyId, description);
    }

    public static Actor dashboardSession(String keyId, String description) {
        return new Actor(Type.DASHBOARD_SESSION, keyId, description);
    }

    public static Actor platform() {
        return new Actor(Type.PLATFORM, null, "SmartComply platform (admin key)");
    }

    public static Actor service() {
        return new Actor(Type.SERVICE, null, "SmartComply Webhooks (automatic)");
    }
}
