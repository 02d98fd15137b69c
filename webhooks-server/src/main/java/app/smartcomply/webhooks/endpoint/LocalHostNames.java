package app.smartcomply.webhooks.endpoint;

import java.util.Optional;

/**
 * Host names that only resolve locally, refused outside dev mode — the names' counterpart of
 * {@link AddressClassifier}. No public endpoint can have them: {@code localhost} and its
 * subdomains and {@code localdomain} (RFC 6761), the cloud metadata name, the private-use
 * {@code .internal} and {@code .home.arpa}, multicast DNS's {@code .local}, and single-label names
 * (which resolve only through local search domains or hosts files).
 */
final class LocalHostNames {

    private LocalHostNames() {}

    /** Why a host name (lower-case ASCII, a trailing dot allowed) is local-only, or empty if it may be public. */
    static Optional<String> reason(String ascii) {
        String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        if (name.equals("localhost")
                || name.endsWith(".localhost")
                || name.equals("localdomain")
                || name.endsWith(".localdomain")) {
            return Optional.of("loopback name");
        }
        if (name.equals("metadata.google.internal")) {
            return Optional.of("cloud-metadata name");
        }
        if (name.endsWith(".internal") || name.endsWith(".home.arpa")) {
            return Optional.of("private-use name");
        }
        if (name.endsWith(".local")) {
            return Optional.of("multicast-dns name");
        }
        if (name.indexOf('.') < 0) {
            return Optional.of("single-label name");
        }
        return Optional.empty();
    }
}
