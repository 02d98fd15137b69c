package app.smartcomply.webhooks.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the commands read from outside their arguments: the environment and the source checkout
 * the launcher runs from. Passed in rather than read from {@link System} so that tests can run the
 * command tree against a directory and variables of their own.
 *
 * @param env environment variables ({@code WEBHOOKS_ADMIN_KEY}, {@code WEBHOOKS_DATA_DIR}, …)
 * @param root the source checkout ({@code -Dwebhooks.root}, set by the launcher); null when the
 *     jar runs on its own, e.g. in a container, where {@code test}, {@code bench} and {@code image}
 *     have nothing to build
 */
record CliContext(Map<String, String> env, Path root) {

    /** The running JVM's environment and the checkout named by {@code -Dwebhooks.root}. */
    static CliContext ofSystem() {
        String root = System.getProperty("webhooks.root");
        return new CliContext(System.getenv(), root == null || root.isBlank() ? null : Path.of(root));
    }

    /** An environment variable, if set and not blank. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    /** The checkout, or a failure saying the command needs one. */
    Path requireRoot(String command) {
        if (root == null) {
            throw new CliFailure(
                    1, "'" + command + "' works in a source checkout: run it as ./webhooks " + command + ".");
        }
        return root;
    }
}
