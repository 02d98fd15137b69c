package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.Actor;
import app.smartcomply.webhooks.audit.AuditContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives an API operation that changes something the {@link AuditContext} to hand to the service:
 * the actor from the bearer key, the client's address as Tomcat resolved it (a trusted proxy's
 * {@code X-Forwarded-For}, see {@link TrustedProxies}; the peer otherwise) and its user agent.
 * Only for this package's controllers: the dashboard builds its own from the session.
 */
final class AuditContextArguments implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuditContext.class
                && parameter.getContainingClass().getPackageName().equals(AuditContextArguments.class.getPackageName());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest webRequest,
            WebDataBinderFactory binders) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (!(request.getAttribute(BearerAuthFilter.CALLER_ATTRIBUTE) instanceof Caller caller)) {
            throw new IllegalStateException("No caller for " + parameter.getMethod());
        }
        return new AuditContext(actorOf(caller), request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /** Who the audit log names for a request by this caller. */
    static Actor actorOf(Caller caller) {
        return switch (caller) {
            case Caller.Customer customer -> Actor.apiKey(customer.keyId(), customer.keyDescription());
            case Caller.Platform platform -> Actor.platform();
        };
    }
}
