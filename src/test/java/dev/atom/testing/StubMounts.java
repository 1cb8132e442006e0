package dev.atom.testing;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every {@link StubMount} and {@link StubSetting} declared on a class under {@code dev.atom} (read once per JVM
 * from the class files, before the shared app starts): the app's settings are the same for every test class,
 * so they all share one Spring context. Two classes giving one setting different values is an error naming
 * both. Immutable once built.
 */
final class StubMounts {
    /** Setting name to the path under the stub ({@link StubMount}). */
    static final Map<String, String> PATHS = new TreeMap<>();
    /** Setting name to its fixed value ({@link StubSetting}). */
    static final Map<String, String> SETTINGS = new TreeMap<>();

    static {
        Map<String, String> declaredBy = new TreeMap<>();
        for (Class<?> c : annotated()) {
            for (StubMount m : c.getAnnotationsByType(StubMount.class)) {
                if (!m.path().isEmpty() && !m.path().startsWith("/")) {
                    throw new IllegalStateException(c.getName() + ": @StubMount path must start with /: " + m.path());
                }
                put(PATHS, declaredBy, m.property(), m.path(), c);
            }
            for (StubSetting s : c.getAnnotationsByType(StubSetting.class)) {
                put(SETTINGS, declaredBy, s.property(), s.value(), c);
            }
        }
    }

    private StubMounts() {}

    private static void put(
            Map<String, String> into, Map<String, String> declaredBy, String key, String value, Class<?> by) {
        String before = into.putIfAbsent(key, value);
        if (before != null && !before.equals(value)) {
            throw new IllegalStateException(key + " is declared as '" + before + "' by " + declaredBy.get(key)
                    + " and as '" + value + "' by " + by.getName() + ": the app is shared, give one value");
        }
        declaredBy.putIfAbsent(key, by.getName());
    }

    private static java.util.List<Class<?>> annotated() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true; // abstract classes and nested ones too: any class may declare a mount
            }
        };
        for (Class<? extends java.lang.annotation.Annotation> a :
                java.util.List.of(StubMount.class, StubMount.List.class, StubSetting.class, StubSetting.List.class)) {
            scanner.addIncludeFilter(new AnnotationTypeFilter(a, false));
        }
        ClassLoader loader = StubMounts.class.getClassLoader();
        return scanner.findCandidateComponents("dev.atom").stream()
                .<Class<?>>map(d -> ClassUtils.resolveClassName(d.getBeanClassName(), loader))
                .toList();
    }
}
