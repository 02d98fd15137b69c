package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Authenticator;
import app.smartcomply.webhooks.limits.RateLimits;
import java.util.List;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

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
    var registration = new FilterRegistrationBean<>(
        new FailedAuthenticationFilter(limits.failedAuthentications(), tooMany));
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

  /** Tomcat's own error answers (requests refused before any servlet) as problems, not HTML. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ProblemWriter problems) {
    return factory -> factory.addContextCustomizers(
        context -> context.getParent().getPipeline().addValve(new ProblemReportValve(problems)));
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CallerArguments());
  }
}
