package app.smartcomply.webhooks.client;

/** The CLI's version, from its jar's manifest ({@code dev} when run from classes). */
final class Version {

    private Version() {}

    static String value() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** What the CLI's own calls to the service send as User-Agent. */
    static String userAgent() {
        return "webhooks-cli/" + value();
    }
}
