package dev.atom.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fixed setting a connector's test needs in the one shared app, e.g. {@code @StubSetting(property =
 * "ATOM_ZOOM_CLIENT_ID", value = "atom-zoom-test")} for an OAuth app whose token refresh is stubbed. Collected
 * like {@link StubMount}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(StubSetting.List.class)
public @interface StubSetting {
    String property();

    String value();

    /** Several settings on one class. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        StubSetting[] value();
    }
}
