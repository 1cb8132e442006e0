package dev.atom.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Runs a test class only when {@code ATOM_TEST_PG_URL} names a PostgreSQL server (.ci/run sets it). Unlike
 * JUnit's own condition, this one is {@link Inherited}, so it also switches off subclasses of a base class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@EnabledIfEnvironmentVariable(named = "ATOM_TEST_PG_URL", matches = ".+")
public @interface RequiresPostgres {}
