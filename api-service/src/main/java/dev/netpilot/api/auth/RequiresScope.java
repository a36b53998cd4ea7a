package dev.netpilot.api.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes an endpoint needs: the caller's key must have at least one of them (admin has all). Without this
 * annotation a GET needs {@code read} and any other method needs {@code admin}: annotate every endpoint that
 * should be open to less.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresScope {
    Scope[] value();
}
