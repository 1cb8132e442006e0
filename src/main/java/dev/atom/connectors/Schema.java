package dev.atom.connectors;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a record or one of its components in the derived JSON Schema ({@link JsonSchemas}). A component
 * is required unless its type is annotated {@code @org.jspecify.annotations.Nullable}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Schema {
    String description() default "";

    /** Examples as JSON text ({@code "\"#general\""}, {@code "42"}) or plain text for strings. */
    String[] examples() default {};

    /** A JSON Schema format: uri, email, date-time, date... */
    String format() default "";

    long minLength() default -1;

    long maxLength() default -1;

    double minimum() default Double.NaN;

    double maximum() default Double.NaN;
}
