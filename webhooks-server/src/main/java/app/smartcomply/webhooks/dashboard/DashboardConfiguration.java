package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.account.AccountService;
import app.smartcomply.webhooks.account.SessionTokens;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the dashboard's guard to its paths only, and lets handlers ask for the {@link Viewer} as a
 * parameter.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

    private final SessionTokens sessions;
    private final AccountService accounts;

    DashboardConfiguration(SessionTokens sessions, AccountService accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SignedInInterceptor(sessions, accounts))
                .addPathPatterns("/dashboard", "/dashboard/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Viewer.class;
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer mav,
                    NativeWebRequest request,
                    WebDataBinderFactory binders) {
                Object viewer = request.getAttribute(Viewer.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
                if (viewer == null) {
                    // Only reachable if a handler that needs a viewer was marked @PublicPage: a bug.
                    throw new IllegalStateException("No signed-in viewer for " + parameter.getMethod());
                }
                return viewer;
            }
        });
    }
}
