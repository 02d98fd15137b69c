/**
 * The {@code ./webhooks} command tree (picocli): {@code serve}, {@code test}, {@code bench},
 * {@code image}, {@code accounts create}, {@code keys create} and {@code admin-key reset}.
 *
 * <p>The bash launcher only picks a JDK, rebuilds the jar when the sources changed and runs this
 * jar; every command, its help and its errors live here. Nothing in the service depends on this
 * package: it sits above the features and the store, beside {@code web}.
 */
package app.smartcomply.webhooks.cli;
