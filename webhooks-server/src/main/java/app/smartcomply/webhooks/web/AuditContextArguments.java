package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.ApiKey;
import app.smartcomply.webhooks.account.ApiKeys;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.Actor;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.error.NotFoundException;
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

  private final ApiKeys keys;

  AuditContextArguments(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == AuditContext.class
        && parameter.getContainingClass().getPackageName().equals(AuditContextArguments.class.getPackageName());
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest, WebDataBinderFactory binders) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    Actor actor = switch (request.getAttribute(BearerAuthFilter.CALLER_ATTRIBUTE)) {
      case Caller.Customer customer -> Actor.apiKey(customer.keyId(), describe(customer));
      case Caller.Platform platform -> Actor.platform();
      case null, default -> throw new IllegalStateException("No caller for " + parameter.getMethod());
    };
    return new AuditContext(actor, request.getRemoteAddr(), request.getHeader("User-Agent"));
  }

  /** The key's name and visible prefix, as the dashboard lists keys: never the key itself. */
  private String describe(Caller.Customer customer) {
    try {
      ApiKey key = keys.get(customer.accountId(), customer.keyId());
      String shown = key.prefix() + "…";
      return key.name() == null ? "API key " + shown : "API key \"" + key.name() + "\" (" + shown + ")";
    } catch (NotFoundException e) {
      return "API key " + customer.keyId();
    }
  }
}
