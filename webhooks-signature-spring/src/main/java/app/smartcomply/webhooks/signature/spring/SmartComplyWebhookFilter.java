package app.smartcomply.webhooks.signature.spring;

import app.smartcomply.webhooks.signature.SignatureVerificationException;
import app.smartcomply.webhooks.signature.SignatureVerificationException.Reason;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Verifies {@code X-SmartComply-Signature} on the raw request body before any controller runs.
 *
 * <p>The filter reads the body (at most {@code maxBodyBytes}), verifies it with the given
 * {@link WebhookVerifier}, and only then passes the request on, with the body replayed unchanged:
 * the controller can take it as {@code @RequestBody byte[]}, {@code String} or a bound object. The
 * exact bytes are also available as the request attribute {@link #RAW_BODY_ATTRIBUTE}. A rejected
 * request never reaches the controller; it gets {@code application/problem+json} with the reason
 * as {@code code}:
 * <ul>
 *   <li>400 {@code malformed_header}: the header is absent or not {@code t=…,v1=…};</li>
 *   <li>401 {@code timestamp_too_old}, {@code timestamp_in_future}: outside the tolerance;</li>
 *   <li>401 {@code no_matching_signature}: wrong secret or altered body;</li>
 *   <li>413 {@code body_too_large}: more than {@code maxBodyBytes}.</li>
 * </ul>
 * The answer never contains the header, the body or a secret.
 *
 * <p>Register it for the webhook route only, with the paths given here (matched exactly, after
 * the context path) or with a {@code FilterRegistrationBean}; with no paths it filters every
 * request it sees. Thread-safe.
 */
public final class SmartComplyWebhookFilter extends OncePerRequestFilter {

    /** Request attribute holding the verified raw body ({@code byte[]}). */
    public static final String RAW_BODY_ATTRIBUTE = "app.smartcomply.webhooks.signature.spring.RAW_BODY";

    /** Deliveries are small JSON documents; this bounds what an unauthenticated caller can make us buffer. */
    public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

    private final WebhookVerifier verifier;
    private final int maxBodyBytes;
    private final Set<String> paths;

    /**
     * @param verifier holds the endpoint's secret(s), tolerance and clock
     * @param paths the webhook routes, e.g. {@code /webhooks/smartcomply}; none means every request
     */
    public SmartComplyWebhookFilter(WebhookVerifier verifier, String... paths) {
        this(verifier, DEFAULT_MAX_BODY_BYTES, paths);
    }

    /**
     * @param verifier holds the endpoint's secret(s), tolerance and clock
     * @param maxBodyBytes largest body accepted, at least 1
     * @param paths the webhook routes; none means every request
     */
    public SmartComplyWebhookFilter(WebhookVerifier verifier, int maxBodyBytes, String... paths) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.paths = Set.of(paths);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (paths.isEmpty()) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !paths.contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            reject(response, 413, "body_too_large", "body larger than " + maxBodyBytes + " bytes");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            // One byte more than allowed tells "exactly the limit" from "over it" without reading on.
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            reject(response, 413, "body_too_large", "body larger than " + maxBodyBytes + " bytes");
            return;
        }
        try {
            verifier.verify(request.getHeader(WebhookSigner.SIGNATURE_HEADER), body);
        } catch (SignatureVerificationException e) {
            Reason reason = e.getReason();
            reject(
                    response,
                    reason == Reason.MALFORMED_HEADER ? 400 : 401,
                    reason.name().toLowerCase(Locale.ROOT),
                    e.getMessage());
            return;
        }
        request.setAttribute(RAW_BODY_ATTRIBUTE, body);
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static void reject(HttpServletResponse response, int status, String code, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // Fixed strings only (our codes and messages), so no JSON library is needed to escape them.
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Webhook rejected\",\"status\":" + status + ",\"code\":\""
                        + code + "\",\"detail\":\"" + detail + "\"}");
    }
}
