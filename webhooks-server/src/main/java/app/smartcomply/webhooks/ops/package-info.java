/**
 * Operations helpers that run without the service: {@link app.smartcomply.webhooks.ops.HealthProbe},
 * the container image's health check (the image has no shell or curl). Uses only the JDK.
 */
package app.smartcomply.webhooks.ops;
