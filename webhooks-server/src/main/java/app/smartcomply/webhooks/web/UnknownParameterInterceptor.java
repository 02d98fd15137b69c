package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.error.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a query parameter that the API route does not declare, with 400 {@code
 * unknown_parameter} naming it. Without this a typo ({@code ?staus=failed}) is silently ignored
 * and the answer — everything — looks like a filter that matched.
 *
 * <p>What a route accepts is read from its handler method's {@link RequestParam}s, once per
 * method, so a parameter added to a controller is accepted without touching this class. Only the
 * service's own API controllers are checked; the actuator and the API reference keep their rules.
 */
class UnknownParameterInterceptor implements HandlerInterceptor {

    private final Map<HandlerMethod, Set<String>> declared = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !isApiController(method)) {
            return true;
        }
        Set<String> known = declared.computeIfAbsent(method, UnknownParameterInterceptor::requestParams);
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (!known.contains(name) && !inDeclaredFamily(method, name)) {
                throw new InvalidInputException(
                        "unknown_parameter",
                        name,
                        "This route has no query parameter of that name"
                                + (known.isEmpty()
                                        ? "."
                                        : "; it takes "
                                                + known.stream().sorted().collect(Collectors.joining(", ")) + "."));
            }
        }
        return true;
    }

    /** {@code family[key]} of a route that declares the family ({@link QueryParamFamily}). */
    private static boolean inDeclaredFamily(HandlerMethod method, String name) {
        QueryParamFamily family = method.getMethodAnnotation(QueryParamFamily.class);
        return family != null && DeepObjectParams.isMember(name, family.value());
    }

    private static boolean isApiController(HandlerMethod method) {
        return method.getBeanType().getPackageName().equals(UnknownParameterInterceptor.class.getPackageName());
    }

    private static Set<String> requestParams(HandlerMethod method) {
        return Stream.of(method.getMethodParameters())
                .filter(parameter -> parameter.hasParameterAnnotation(RequestParam.class))
                .map(UnknownParameterInterceptor::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String name(MethodParameter parameter) {
        RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
        if (!annotation.name().isEmpty()) {
            return annotation.name();
        }
        // Compiled with -parameters (Spring Boot's build default): the Java name is the wire name.
        return parameter.getParameter().getName();
    }
}
