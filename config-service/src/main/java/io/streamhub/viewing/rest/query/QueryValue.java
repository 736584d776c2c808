package io.streamhub.viewing.rest.query;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A query parameter taken as text and checked as its {@link Kind}, so every bad parameter of a request
 * is reported at once by name (a typed parameter that fails conversion is a bare 404 before validation
 * runs). Absent or blank, the resource's default applies. A resource method that declares one accepts
 * no undeclared parameter ({@link UnknownQueryParams}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = QueryValues.class)
public @interface QueryValue {

    Kind value();
    long min() default 0;
    boolean minExclusive() default false;
    long max() default Long.MAX_VALUE;
    /** For {@link Kind#CHOICE}: the values accepted, as written. */
    String[] oneOf() default {};
    String message() default "";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};

    enum Kind { WHOLE, DECIMAL, FLAG, CHOICE, RENDITION }
}
