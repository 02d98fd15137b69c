package app.smartcomply.webhooks.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a route takes a family of query parameters {@code name[key]=value} (OpenAPI's
 * deepObject style), e.g. {@code metadata[team]=payments}: {@link UnknownParameterInterceptor}
 * lets them through, and {@link DeepObjectParams#values} reads them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface QueryParamFamily {

    /** The family's name, before the brackets. */
    String value();
}
