package dev.atom.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A setting of the app pointed at the shared WireMock ({@link StubbedServiceTestBase#STUB}) under {@code path}:
 * {@code @StubMount(property = "ATOM_TRELLO_BASE_URL", path = "/1")} on a connector's test sets {@code
 * ATOM_TRELLO_BASE_URL=http://localhost:<port>/1}. Every test class's mounts are collected before the one
 * shared app starts ({@link StubMounts}), so a new connector's test declares its own and edits nothing else.
 * A connector's {@code ATOM_<ID>_BASE_URL} mount is also the prefix its API description is checked under.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(StubMount.List.class)
public @interface StubMount {
    /** The setting, e.g. {@code ATOM_TRELLO_BASE_URL} or {@code ATOM_DROPBOX_TOKEN_URL}. */
    String property();

    /** The path prefix the service is served under on the stub ("" for none, else starting with "/"). */
    String path();

    /** Several mounts on one class. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        StubMount[] value();
    }
}
