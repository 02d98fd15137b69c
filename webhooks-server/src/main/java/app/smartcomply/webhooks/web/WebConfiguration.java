package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Authenticator;
import app.smartcomply.webhooks.limits.RateLimits;
import io.micrometer.observation.ObservationPredicate;
import java.util.List;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /**
     * First of all: every API answer (a secret in full, account data, an error), every dashboard
     * page and every error anywhere, whoever asked and however it ends, is marked not to be stored
     * by any cache. Only static assets stay cacheable (see {@link NoStoreFilter}).
     */
    @Bean
    FilterRegistrationBean<NoStoreFilter> noStoreFilter() {
        var registration = new FilterRegistrationBean<>(new NoStoreFilter());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Next: a query string or form that Tomcat cannot decode is refused before anything reads it. */
    @Bean
    FilterRegistrationBean<UnreadableParametersFilter> unreadableParametersFilter(ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new UnreadableParametersFilter(problems));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Around everything else: an error answered with a status alone gets a problem body. */
    @Bean
    FilterRegistrationBean<BodilessErrorFilter> bodilessErrorFilter(ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new BodilessErrorFilter(problems));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Runs before authentication: an oversized body is refused whoever sends it. */
    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    /** Before authentication: an address that failed too often is not even heard. */
    @Bean
    FilterRegistrationBean<FailedAuthenticationFilter> failedAuthenticationFilter(
            RateLimits limits, TooManyRequests tooMany) {
        var registration =
                new FilterRegistrationBean<>(new FailedAuthenticationFilter(limits.failedAuthentications(), tooMany));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 9);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BearerAuthFilter> bearerAuthFilter(Authenticator authenticator, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new BearerAuthFilter(authenticator, problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 8);
        return registration;
    }

    /** After authentication: the rate is per key, so the key must be known. */
    @Bean
    FilterRegistrationBean<ApiKeyRateLimitFilter> apiKeyRateLimitFilter(RateLimits limits, TooManyRequests tooMany) {
        var registration = new FilterRegistrationBean<>(new ApiKeyRateLimitFilter(limits, tooMany));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 7);
        return registration;
    }

    /**
     * Last of the API's filters: the common publish answered without Spring MVC's dispatch, once
     * the caller is known and within its rate.
     */
    @Bean
    FilterRegistrationBean<DirectPublishFilter> directPublishFilter(
            EventController events, ApiExceptionHandler errors, ProblemWriter problems, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new DirectPublishFilter(events, errors, problems, json));
        registration.addUrlPatterns(DirectPublishFilter.PATH);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 6);
        return registration;
    }

    /**
     * No {@code http.server.requests} observation of the common publish: at a few thousand publishes
     * a second its timer and tags were a sixth of the publish route's CPU. The publish's own trace
     * span is not an observation and stays ({@code EventPublisher}).
     */
    @Bean
    ObservationPredicate noRequestObservationOfPublishes() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && DirectPublishFilter.isPublish(request.getCarrier()));
    }

    /** Tomcat's own error answers (requests refused before any servlet) as problems, not HTML. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ProblemWriter problems) {
        return factory -> factory.addContextCustomizers(
                context -> context.getParent().getPipeline().addValve(new ProblemReportValve(problems)));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UnknownParameterInterceptor()).addPathPatterns("/api/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArguments());
        resolvers.add(new AuditContextArguments());
    }
}
