package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets an operation declare who may call it by its parameter type: a {@link Caller.Customer}
 * parameter means "customer keys only", a {@link Caller.Platform} parameter "the admin key only".
 * The wrong kind of key gets a 403 that says which key is needed. A {@link Caller} parameter takes
 * either kind; the operation tells them apart.
 */
class CallerArguments implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == Caller.Customer.class || type == Caller.Platform.class || type == Caller.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        Object caller = request.getAttribute(BearerAuthFilter.CALLER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        Class<?> wanted = parameter.getParameterType();
        if (caller != null && wanted.isInstance(caller)) {
            return caller;
        }
        if (wanted == Caller.Platform.class) {
            throw new ForbiddenException(
                    "admin_key_required",
                    "This operation is for SmartComply's own services: use the admin key (WEBHOOKS_ADMIN_KEY).");
        }
        throw new ForbiddenException(
                "account_key_required",
                "This operation acts on an account's data: use one of the account's API keys (sc_live_… or sc_test_…).");
    }

    /** Authenticated, but with the wrong kind of key. */
    static final class ForbiddenException extends RuntimeException {
        private final String code;
        private final String param;

        ForbiddenException(String code, String message) {
            this(code, "Authorization", message);
        }

        /** Refused for what {@code param} asks, though the key itself is of the right kind. */
        ForbiddenException(String code, String param, String message) {
            super(message, null, false, false);
            this.code = code;
            this.param = param;
        }

        String code() {
            return code;
        }

        String param() {
            return param;
        }

        HttpStatus status() {
            return HttpStatus.FORBIDDEN;
        }
    }
}
