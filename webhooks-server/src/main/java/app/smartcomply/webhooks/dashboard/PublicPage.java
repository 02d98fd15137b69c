package app.smartcomply.webhooks.dashboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a dashboard handler that works without a session (the sign-in page and form). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface PublicPage {}
